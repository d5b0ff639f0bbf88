export * from './compileFilter.js';
export * from './compileSort.js';
export { afterCursor, decodeCursor, encodeCursor, sortSignature, sortValuesSql } from './cursor.js';
export {
  FILTER_MAX_LIST,
  type FilterCondition,
  type FilterOperatorDefinition,
  filterOperators,
  isFilterOperator,
} from './operators.js';
export * from './pageLimit.js';
export {
  isRelativeRange,
  type ResolvedRange,
  rangeDates,
  rangeInstants,
  resolveAbsoluteRange,
  resolveRelativeRange,
  shiftRange,
} from './relativeDates.js';
export { resolveField, systemFieldNames } from './resolveField.js';
export * from './types.js';
