import type { DefinitionKind } from '../types.js';
import { appSchema } from './app.js';
import { automationSchema } from './automation.js';
import { dashboardSchema } from './dashboard.js';
import { formSchema } from './form.js';
import { nurtureSchema } from './nurture.js';
import { objectSchema } from './object.js';
import { pipelineSchema } from './pipeline.js';
import { reportSchema } from './report.js';
import { rolesSchema } from './roles.js';
import { routingSchema } from './routing.js';
import { scoringSchema } from './scoring.js';

export {
  type AppDefinition,
  appSchema,
  type CalendarDefinition,
  SLA_NOTIFY_TARGETS,
  type SlaDefinition,
  SUPPORTED_LOCALES,
} from './app.js';
export {
  type AutomationAction,
  type AutomationDefinition,
  type AutomationTrigger,
  automationSchema,
} from './automation.js';
export { type DashboardDefinition, dashboardSchema } from './dashboard.js';
export { FIELD_TYPES } from './fieldTypes.js';
export { type FormDefinition, formSchema } from './form.js';
export { type NurtureDefinition, type NurtureStep, nurtureSchema } from './nurture.js';
export {
  type ConversionDefinition,
  type ConversionTarget,
  type FieldDefinition,
  type ObjectDefinition,
  objectSchema,
  RESERVED_FIELD_NAMES,
} from './object.js';
export { type PipelineDefinition, pipelineSchema } from './pipeline.js';
export {
  DATE_BUCKETS,
  type GenericReportDefinition,
  isGenericReport,
  MEASURE_OPS,
  REPORT_SOURCES,
  type ReportDefinition,
  type ReportDimension,
  type ReportMeasure,
  reportSchema,
} from './report.js';
export { type RoleDefinition, type RolesDefinition, rolesSchema } from './roles.js';
export { ROUTING_STRATEGY_TYPES, type RoutingDefinition, type RoutingStrategy, routingSchema } from './routing.js';
export { type ScoringDefinition, scoringSchema } from './scoring.js';

/** The JSON Schema of each definition kind, as published under engine/schemas/. */
export const DEFINITION_SCHEMAS = {
  app: appSchema,
  object: objectSchema,
  form: formSchema,
  pipeline: pipelineSchema,
  scoring: scoringSchema,
  routing: routingSchema,
  automation: automationSchema,
  nurture: nurtureSchema,
  report: reportSchema,
  dashboard: dashboardSchema,
  roles: rolesSchema,
} as const satisfies Record<DefinitionKind, { readonly $id: string }>;
