export { compileReport } from './compileReport.js';
export { absoluteFilter } from './reportFilter.js';
export { labelIn } from './toResult.js';
export type { CompiledDimension, CompiledMeasure } from './types.js';
