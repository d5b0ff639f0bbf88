/**
 * Building blocks shared by the definition schemas. Each is a `const` JSON Schema fragment
 * inlined where it is used, so every published schema file stands alone.
 */

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** `$schema` at the top of a package file: lets an editor autocomplete; ignored by the engine. */
export const schemaKeySchema = {
  type: 'string',
  description: 'the URL of the JSON Schema of this file, for editor autocompletion',
} as const;

/** An i18n label: locale → text. */
export const labelSchema = {
  type: 'object',
  description: 'a label (locale → text) such as {"en": "Lead", "zh-CN": "潜在客户"}',
  minProperties: 1,
  propertyNames: {
    type: 'string',
    pattern: '^[a-z]{2}(-[A-Z]{2})?$',
    description: 'a locale such as "en" or "zh-CN"',
  },
  additionalProperties: { type: 'string', minLength: 1 },
} as const;

/** Object ids and field names: they become JSON keys and SQL index names. */
export const objectIdSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description: 'an object id (lowercase letters, digits and _, starting with a letter)',
} as const;

export const fieldNameSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description: 'a field name (lowercase letters, digits and _, starting with a letter)',
} as const;

/** Ids of forms, pipelines, rules, roles, reports… */
export const definitionIdSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_-]{0,62}$',
  description: 'an id (lowercase letters, digits, - and _, starting with a letter)',
} as const;

/** A select option value, a stage id or a grade. */
export const optionValueSchema = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
  description: 'a value (lowercase letters, digits, - and _)',
} as const;

/** An event type such as `pricing.viewed`. */
export const eventNameSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$',
  description: 'an event name such as "pricing.viewed"',
} as const;

/** A wait such as `PT2H` (two hours) or `P3D` (three days). */
export const durationSchema = {
  type: 'string',
  pattern: '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?)?$',
  description: 'an ISO 8601 duration in days, hours and minutes such as "PT2H" or "P3D"',
} as const;

/** Any JSON: rule trees are checked for depth and field names by the cross-checks. */
export const jsonLogicSchema = {
  description: 'a JSON Logic expression such as {"in": [{"var": "industry"}, ["saas"]]}',
} as const;

/** A user of the tenant, by id or email; users live in the runtime, not in the package. */
export const userRefSchema = { type: 'string', minLength: 1, maxLength: 254 } as const;
