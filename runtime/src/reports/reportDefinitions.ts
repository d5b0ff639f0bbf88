import type { CompiledApp, DashboardDefinition, ReportDefinition } from '@leadforge/engine';
import type { Label } from '../../../engine/src/compile/types.js';

/**
 * A report as the package holds it: a generic definition (`object`, `measures`, …) or a built-in
 * analysis (`analysis: { kind, … }`). The runtime reads only what it needs to list, authorise and
 * dispatch; the compilers check the rest.
 */
export type StoredReport = ReportDefinition & {
  readonly analysis?: { readonly kind: string; readonly [option: string]: unknown };
  readonly chart?: { readonly type: string };
};

/** The object whose readers may read a built-in analysis when its definition names none. */
const ANALYSIS_OBJECT: Readonly<Record<string, string>> = {
  funnel: 'lead',
  'channel-roi': 'lead',
  leaderboard: 'opportunity',
  goals: 'goal',
};

function definitionsOf<T extends { id: string }>(app: CompiledApp, folder: string): ReadonlyMap<string, T> {
  const found = new Map<string, T>();
  for (const [path, value] of Object.entries(app.files)) {
    if (!path.startsWith(`${folder}/`) || !path.endsWith('.json')) continue;
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string') found.set(id, value as T);
  }
  return found;
}

const reportCache = new WeakMap<CompiledApp, ReadonlyMap<string, StoredReport>>();
const dashboardCache = new WeakMap<CompiledApp, ReadonlyMap<string, DashboardDefinition>>();

/** The published app's reports by id (`reports/*.json`). */
export function reportsOf(app: CompiledApp): ReadonlyMap<string, StoredReport> {
  let reports = reportCache.get(app);
  if (!reports) {
    reports = definitionsOf<StoredReport>(app, 'reports');
    reportCache.set(app, reports);
  }
  return reports;
}

/** The published app's dashboards by id (`dashboards/*.json`). */
export function dashboardsOf(app: CompiledApp): ReadonlyMap<string, DashboardDefinition> {
  let dashboards = dashboardCache.get(app);
  if (!dashboards) {
    dashboards = definitionsOf<DashboardDefinition>(app, 'dashboards');
    dashboardCache.set(app, dashboards);
  }
  return dashboards;
}

/** The object a report reads: its own `object`, else its analysis's main object. */
export function mainObjectOf(report: StoredReport): string {
  const named = (report as { object?: unknown }).object;
  if (typeof named === 'string') return named;
  const kind = report.analysis?.kind;
  return (kind !== undefined && Object.hasOwn(ANALYSIS_OBJECT, kind) ? ANALYSIS_OBJECT[kind] : undefined) ?? 'lead';
}

/** A label in `locale`, else English, else its first text. */
export function labelText(label: Label | undefined, locale: string, fallback = ''): string {
  if (!label) return fallback;
  return label[locale] ?? label['en'] ?? Object.values(label)[0] ?? fallback;
}
