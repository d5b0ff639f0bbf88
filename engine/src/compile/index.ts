export { type CompileAppResult, compileApp } from './compileApp.js';
export { compileAppOrThrow } from './compileAppOrThrow.js';
export { LONGTEXT_MAX_LENGTH, TEXT_MAX_LENGTH } from './fieldJsonSchema.js';
export { canonicalJson, fnv1a64, packageFingerprint } from './fingerprint.js';
export { HOSTILE_KEYS } from './recordValidators.js';
export type {
  CompiledApp,
  CompiledField,
  CompiledObject,
  CompiledOption,
  CompiledRole,
  FieldAccess,
  FieldType,
  IndexSpec,
  Label,
  ObjectPermission,
  RowScopeKind,
} from './types.js';
