import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  fieldNameSchema,
  labelSchema,
  objectIdSchema,
  schemaKeySchema,
} from './shared.js';

const permissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['read', 'create', 'update', 'delete', 'scope'],
  properties: {
    read: { type: 'boolean' },
    create: { type: 'boolean' },
    update: { type: 'boolean' },
    delete: { type: 'boolean' },
    scope: { type: 'string', enum: ['own', 'team', 'all'] },
    fields: {
      type: 'object',
      propertyNames: fieldNameSchema,
      additionalProperties: { type: 'string', enum: ['hidden', 'read'] },
    },
  },
} as const;

const roleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'objects'],
  properties: {
    id: definitionIdSchema,
    label: labelSchema,
    description: labelSchema,
    admin: { type: 'boolean', description: 'admins manage the app, users and every record' },
    objects: { type: 'object', propertyNames: objectIdSchema, additionalProperties: permissionSchema },
  },
} as const;

/** `roles.json`: who may do what with which object, and which rows they see. */
export const rolesSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/roles.schema.json',
  title: 'Leadforge roles (roles.json)',
  type: 'object',
  additionalProperties: false,
  required: ['roles'],
  properties: {
    $schema: schemaKeySchema,
    roles: { type: 'array', minItems: 1, items: roleSchema },
  },
} as const;

export type RolesDefinition = FromSchema<typeof rolesSchema>;
export type RoleDefinition = RolesDefinition['roles'][number];
