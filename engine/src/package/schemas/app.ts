import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  durationSchema,
  eventNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  schemaKeySchema,
} from './shared.js';

export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;

/** Who an SLA step notifies: the record's owner, or the owner's manager (the team's manager when the owner has none). */
export const SLA_NOTIFY_TARGETS = ['owner', 'ownerManager'] as const;

const localDateSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'a local date such as "2026-10-01"',
} as const;

/** A business-hours calendar: which local days and hours count as working time. */
const calendarSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['timeZone', 'workingDays', 'hours'],
  properties: {
    label: labelSchema,
    timeZone: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'an IANA time zone such as "Asia/Shanghai"',
    },
    workingDays: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      description: 'the weekdays that are working days, e.g. ["mon", "tue", "wed", "thu", "fri"]',
    },
    hours: {
      type: 'array',
      minItems: 1,
      maxItems: 6,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: { type: 'string', pattern: '^\\d{2}:\\d{2}$', description: 'local start time "HH:MM"' },
          to: { type: 'string', pattern: '^\\d{2}:\\d{2}$', description: 'local end time "HH:MM" (up to "24:00")' },
        },
      },
      description: 'working ranges of a working day in ascending order, e.g. 09:00–12:00 and 13:30–18:00',
    },
    holidays: {
      type: 'array',
      maxItems: 1000,
      uniqueItems: true,
      items: localDateSchema,
      description: 'local dates that are not working days',
    },
    extraWorkingDays: {
      type: 'array',
      maxItems: 1000,
      uniqueItems: true,
      items: localDateSchema,
      description: 'local dates that are working days whatever their weekday (adjusted weekends)',
    },
  },
} as const;

const slaStepSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['after', 'notify'],
  properties: {
    after: { ...durationSchema, description: "how long after the previous step (counted in the SLA's time)" },
    notify: { type: 'string', enum: SLA_NOTIFY_TARGETS },
  },
} as const;

/**
 * A follow-up SLA: a record matching `when` that gets an owner must be followed up (an event
 * in `followUp`) within `within`, else `remind` is notified, an `sla.breached` event is
 * appended, and each `escalate` step fires in turn until a follow-up comes.
 */
const slaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'within'],
  properties: {
    id: definitionIdSchema,
    label: labelSchema,
    object: objectIdSchema,
    startOn: {
      type: 'string',
      enum: ['assigned'],
      description: 'when the clock starts: "assigned" (the record gets an owner, or a new one)',
    },
    when: {
      ...jsonLogicSchema,
      description: 'a JSON Logic condition on the record (e.g. a hot lead); default: always',
    },
    within: durationSchema,
    calendar: {
      ...definitionIdSchema,
      description: 'a calendar of this file: durations count its working time (default: wall-clock time)',
    },
    followUp: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: eventNameSchema,
      description: 'events on the record that count as a follow-up (default ["activity.logged", "stage.changed"])',
    },
    remind: {
      type: 'string',
      enum: SLA_NOTIFY_TARGETS,
      description: 'who is reminded when `within` passes without a follow-up (default "owner")',
    },
    escalate: { type: 'array', maxItems: 10, items: slaStepSchema },
  },
} as const;

/** `app.json`: the package's identity and defaults, business-hours calendars and follow-up SLAs. */
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
    calendars: {
      type: 'object',
      maxProperties: 20,
      propertyNames: definitionIdSchema,
      additionalProperties: calendarSchema,
      description: 'business-hours calendars by id, for SLAs that count working time',
    },
    slas: { type: 'array', maxItems: 50, items: slaSchema, description: 'follow-up SLAs' },
  },
} as const;

export type AppDefinition = FromSchema<typeof appSchema>;
export type SlaDefinition = NonNullable<AppDefinition['slas']>[number];
export type CalendarDefinition = NonNullable<AppDefinition['calendars']>[string];
