/** Every field type a package may use: the one list the schema, the compiled types and the web form read. */
export const FIELD_TYPES = [
  'text',
  'longtext',
  'email',
  'phone',
  'url',
  'number',
  'integer',
  'currency',
  'boolean',
  'date',
  'datetime',
  'select',
  'multiselect',
  'user',
  'reference',
] as const;
