import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DEFINITION_SCHEMAS } from './schemas/index.js';
import type { DefinitionKind } from './types.js';

let validators: Record<DefinitionKind, ValidateFunction> | undefined;

/**
 * The schema validator of each definition kind. One Ajv instance per process, built on first
 * use with every schema added (strict mode, all errors, verbose so messages can use the
 * schema's descriptions).
 */
export function definitionValidators(): Record<DefinitionKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, discriminator: true });
  addFormats(ajv);
  const built = {} as Record<DefinitionKind, ValidateFunction>;
  for (const [kind, schema] of Object.entries(DEFINITION_SCHEMAS) as [DefinitionKind, { $id: string }][]) {
    built[kind] = ajv.compile(schema);
  }
  validators = built;
  return built;
}
