import type {
  AppDefinition,
  AutomationDefinition,
  DashboardDefinition,
  FormDefinition,
  NurtureDefinition,
  ObjectDefinition,
  PipelineDefinition,
  ReportDefinition,
  RolesDefinition,
  RoutingDefinition,
  ScoringDefinition,
} from '../schemas/index.js';
import type { DefinitionKind, PackageProblem } from '../types.js';

/** A definition that passed its schema, with the file it came from. */
export interface Checked<T> {
  readonly file: string;
  readonly id: string;
  readonly value: T;
}

/** Definitions that passed their schema, by id (= file basename). */
export interface CheckedDefinitions {
  readonly app: Checked<AppDefinition> | undefined;
  readonly roles: Checked<RolesDefinition> | undefined;
  readonly object: ReadonlyMap<string, Checked<ObjectDefinition>>;
  readonly form: ReadonlyMap<string, Checked<FormDefinition>>;
  readonly pipeline: ReadonlyMap<string, Checked<PipelineDefinition>>;
  readonly scoring: ReadonlyMap<string, Checked<ScoringDefinition>>;
  readonly routing: ReadonlyMap<string, Checked<RoutingDefinition>>;
  readonly automation: ReadonlyMap<string, Checked<AutomationDefinition>>;
  readonly nurture: ReadonlyMap<string, Checked<NurtureDefinition>>;
  readonly report: ReadonlyMap<string, Checked<ReportDefinition>>;
  readonly dashboard: ReadonlyMap<string, Checked<DashboardDefinition>>;
}

/**
 * What the cross-checks see. `present` holds every definition file's id whether or not it passed
 * its schema: a reference to a present-but-broken definition is not reported again (its own file
 * already has problems), but nothing inside it is checked either.
 */
export interface CheckContext {
  readonly present: Readonly<Record<DefinitionKind, ReadonlySet<string>>>;
  readonly checked: CheckedDefinitions;
  readonly problems: PackageProblem[];
}
