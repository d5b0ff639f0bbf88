export * from './compileFilter.js';
export * from './compileSort.js';
export { afterCursor, decodeCursor, encodeCursor, sortSignature, sortValuesSql } from './cursor.js';
export {
  type CompiledCondition,
  filterOperators,
  isFilterOperator,
  MAX_LIST,
  type OperatorDefinition,
} from './operators.js';
export * from './pageLimit.js';
export { resolveField, systemFieldNames } from './resolveField.js';
export * from './types.js';
