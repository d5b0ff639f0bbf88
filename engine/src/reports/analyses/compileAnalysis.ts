import { Ajv, type ValidateFunction } from 'ajv';
import type { CompiledApp, Label } from '../../compile/types.js';
import type { Result } from '../../errors/types.js';
import { isPlainObject } from '../../filter/isPlainObject.js';
import { problemsFromAjvErrors } from '../../package/problemsFromAjvErrors.js';
import { type ReportAnalysis, reportAnalysisSchema } from '../../package/schemas/reportAnalysis.js';
import type { CompiledReport, ReportRunContext } from '../types.js';
import { type AnalysisCatalog, type ResolvedAnalysis, resolveAnalysis } from './analysisOptions.js';
import { type AnalysisRun, analysisRun } from './analysisRun.js';
import { compileChannelRoi } from './channelRoi.js';
import { compileFunnel } from './funnel.js';
import { compileGoals } from './goals.js';
import { compileLeaderboard } from './leaderboard.js';

/** What compileAnalysis reads of a report definition: its `analysis` section. */
export interface AnalysisReportDefinition {
  readonly label?: Label;
  readonly analysis: unknown;
}

let validate: ValidateFunction | undefined;

function analysisValidator(): ValidateFunction {
  validate ??= new Ajv({ allErrors: true, strict: true, verbose: true, discriminator: true }).compile(
    reportAnalysisSchema,
  );
  return validate;
}

/** The package as the analyses see it: compiled objects, pipeline and scoring files. */
export function catalogOfApp(app: CompiledApp): AnalysisCatalog {
  return {
    object: (name) => (Object.hasOwn(app.objects, name) ? app.objects[name] : undefined),
    pipeline: (id) => {
      const file = app.files[`pipelines/${id}.json`] as
        | { object: string; field?: string; stages: { id: string; label?: Label; outcome?: string }[] }
        | undefined;
      return file ? { object: file.object, field: file.field ?? 'stage', stages: file.stages } : undefined;
    },
    hasScoringModel: (id) => app.files[`scoring/${id}.json`] !== undefined,
  };
}

/**
 * Compiles a built-in analysis (funnel, channel ROI, leaderboard, goals; issue 7, point 3) for
 * one run into one parameterised statement that aggregates in the database under the viewer's
 * row scope, with the run's global filters, and a drill-down for every point. Malformed options,
 * unknown names and hidden fields are refused as Problems with JSON pointers (`/analysis/...`,
 * `/globalFilters/...`); nothing is thrown.
 */
export function compileAnalysis(
  definition: AnalysisReportDefinition,
  app: CompiledApp,
  ctx: ReportRunContext,
): Result<CompiledReport> {
  const analysis = isPlainObject(definition) ? definition.analysis : undefined;
  const check = analysisValidator();
  if (!check(analysis)) {
    const problems = problemsFromAjvErrors('', check.errors ?? [], analysis);
    return { ok: false, problems: problems.map((p) => ({ path: `/analysis${p.pointer}`, message: p.message })) };
  }
  const { resolved, problems } = resolveAnalysis(analysis as ReportAnalysis, catalogOfApp(app));
  if (problems.length > 0) return { ok: false, problems };
  const run = analysisRun(app, ctx, resolved.period);
  if (run.problems.length > 0) return { ok: false, problems: run.problems };
  const picked = (analysis as { measures?: readonly string[] }).measures;
  const compiled = compileResolved(resolved, run, picked);
  return compiled.ok && picked !== undefined ? { ok: true, value: withMeasures(compiled.value, picked) } : compiled;
}

function compileResolved(
  resolved: ResolvedAnalysis,
  run: AnalysisRun,
  picked: readonly string[] | undefined,
): Result<CompiledReport> {
  switch (resolved.kind) {
    case 'funnel':
      return compileFunnel(resolved, run);
    case 'channel-roi':
      return compileChannelRoi(resolved, run, picked);
    case 'leaderboard':
      return compileLeaderboard(resolved, run);
    case 'goals':
      return compileGoals(resolved, run);
  }
}

/** The analysis with only the `measures` it names, in their order (a KPI or a gauge shows the first). */
function withMeasures(report: CompiledReport, picked: readonly string[]): CompiledReport {
  return {
    current: report.current,
    toResult: (rows) => {
      const full = report.toResult(rows);
      const at = picked.map((id) => full.measures.findIndex((m) => m.id === id));
      return {
        ...full,
        measures: at.map((i) => full.measures[i]!),
        rows: full.rows.map((row) => ({ ...row, values: at.map((i) => row.values[i] ?? null) })),
      };
    },
    drillDown: (keys, measureId) => {
      if (measureId !== undefined && !picked.includes(measureId)) {
        return {
          ok: false,
          problems: [{ path: '/measure', message: `unknown measure; use one of ${picked.join(', ')}` }],
        };
      }
      return report.drillDown(keys, measureId ?? picked[0]);
    },
  };
}
