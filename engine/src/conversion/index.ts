export { conversionOf, targetsToConvert } from './conversionOf.js';
export { conversionTargetData } from './conversionTargetData.js';
export type { ConversionDefinition, ConversionSource, ConversionTarget, ConvertedIds } from './types.js';
