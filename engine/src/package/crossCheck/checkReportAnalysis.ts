import { type AnalysisCatalog, resolveAnalysis } from '../../reports/analyses/analysisOptions.js';
import type { ReportAnalysis } from '../schemas/reportAnalysis.js';
import { report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** The package's checked definitions as the analysis option checks see them. */
function catalogOf(ctx: CheckContext): AnalysisCatalog {
  return {
    object: (name) => {
      const object = ctx.checked.object.get(name)?.value;
      if (!object) return undefined;
      return { fields: Object.fromEntries(object.fields.map((f) => [f.name, f])) };
    },
    pipeline: (id) => {
      const pipeline = ctx.checked.pipeline.get(id)?.value;
      return pipeline
        ? { object: pipeline.object, field: pipeline.field ?? 'stage', stages: pipeline.stages }
        : undefined;
    },
    hasScoringModel: (id) => ctx.present.scoring.has(id),
  };
}

/**
 * A built-in analysis (`analysis` in a report) names a pipeline, objects, fields of fitting
 * types and a scoring model that the package defines (the same checks compileAnalysis runs).
 * A name whose definition is present but broken is not reported again.
 */
export function checkReportAnalysis(ctx: CheckContext, { file, value }: Checked<{ analysis?: unknown }>): void {
  if (value.analysis === undefined) return;
  const { problems } = resolveAnalysis(value.analysis as ReportAnalysis, catalogOf(ctx));
  for (const p of problems) {
    const quoted = /^unknown (object|pipeline|scoring model) "([^"]+)"/.exec(p.message);
    const kind = quoted?.[1] === 'object' ? 'object' : quoted?.[1] === 'pipeline' ? 'pipeline' : 'scoring';
    if (quoted && ctx.present[kind].has(quoted[2]!)) continue;
    report(ctx, file, p.path, p.message);
  }
}
