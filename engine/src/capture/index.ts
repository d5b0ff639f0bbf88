export { attributionProblems } from './attributionProblems.js';
export { type CapturePolicy, capturePolicy } from './capturePolicy.js';
export {
  headerProblems,
  type ImportMapping,
  type ImportRowError,
  importableFields,
  importRowErrors,
  importRowInput,
  MULTISELECT_SEPARATOR,
  mapImportColumns,
} from './csvImport.js';
export { type DedupeProbe, dedupeProbes, matchesProbe } from './dedupeProbes.js';
export { NORMALISE_MESSAGES, normaliseData } from './normaliseData.js';
export { type Normalised, type NormaliseFailure, normaliseValue, phoneToE164 } from './normaliseValue.js';
export { planCapture, planPrepared } from './planCapture.js';
export { planRecordMerge, type RecordMergePlan } from './planRecordMerge.js';
export { type PreparedCapture, prepareCapture } from './prepareCapture.js';
export { type SpamOptions, spamSignals } from './spamSignals.js';
export { touchOf } from './touchOf.js';
export * from './types.js';
