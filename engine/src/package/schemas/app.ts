import type { FromSchema } from 'json-schema-to-ts';
import { DRAFT_07, labelSchema, schemaKeySchema } from './shared.js';

export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;

/** `app.json`: the package's identity and defaults. */
export const appSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/app.schema.json',
  title: 'Leadforge app (app.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'version', 'defaultLocale', 'defaultCountry'],
  properties: {
    $schema: schemaKeySchema,
    id: {
      type: 'string',
      pattern: '^[a-z][a-z0-9-]{1,62}$',
      description: 'an app id (2 to 63 lowercase letters, digits and -, starting with a letter)',
    },
    name: labelSchema,
    version: {
      type: 'string',
      pattern:
        '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$',
      description: 'a semantic version such as "1.0.0"',
    },
    defaultLocale: { type: 'string', enum: SUPPORTED_LOCALES },
    locales: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: SUPPORTED_LOCALES } },
    defaultCountry: {
      type: 'string',
      pattern: '^[A-Z]{2}$',
      description: 'an ISO 3166 alpha-2 country code such as "CN"',
    },
    description: labelSchema,
  },
} as const;

export type AppDefinition = FromSchema<typeof appSchema>;
