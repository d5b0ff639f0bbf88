import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { getRecord } from '../records/recordService.js';
import { scoringOf } from './scoringModels.js';

const HISTORY_LIMIT = 200;

interface ScoreRow {
  model: string;
  score: number;
  grade: string | null;
  mql: boolean;
  mql_at: Date | null;
  app_version: number;
  fired: { ruleId: string; kind: string; points: number; eventId?: string }[];
  errors: unknown[];
  scored_at: Date;
}

interface HistoryRow {
  model: string;
  at: Date;
  score: number;
  grade: string | null;
  mql: boolean;
  previous_score: number | null;
  previous_grade: string | null;
  cause: unknown;
}

type Label = Readonly<Record<string, string>> | undefined;

/** Rule id → its label, from the published model definition (for the explanation only). */
function ruleLabels(definition: Record<string, unknown> | undefined): Map<string, Label> {
  const labels = new Map<string, Label>();
  const rules = [
    ...((definition?.['rules'] as { id: string; label?: Label }[] | undefined) ?? []),
    ...(Array.isArray(definition?.['behaviour']) ? (definition['behaviour'] as { id: string; label?: Label }[]) : []),
  ];
  for (const rule of rules) labels.set(rule.id, rule.label);
  return labels;
}

/**
 * Why a record has its scores (PIPL art. 24, GDPR art. 22): per model the score, grade, MQL status
 * and time, every rule that fired with its points (they add up to the score), rules that could not
 * be evaluated, and the latest history with each change's cause. Same scope as reading the record:
 * a record the caller may not see is NOT_FOUND.
 */
export async function explainScores(ctx: RuntimeContext, actor: Actor, object: string, id: string) {
  const record = await getRecord(ctx, actor, object, id);
  const published = await ctx.apps.current(actor.tenantId);
  const models = published ? scoringOf(published.app).byObject(object) : [];
  const [scores, history] = await Promise.all([
    ctx.db.query<ScoreRow>(
      `SELECT model, score, grade, mql, mql_at, app_version, fired, errors, scored_at FROM record_scores
        WHERE tenant_id = $1 AND record_id = $2`,
      [actor.tenantId, record.id],
    ),
    ctx.db.query<HistoryRow>(
      `SELECT model, at, score, grade, mql, previous_score, previous_grade, cause FROM (
         SELECT *, row_number() OVER (PARTITION BY model ORDER BY id DESC) AS n FROM score_history
          WHERE tenant_id = $1 AND record_id = $2) h
        WHERE n <= $3 ORDER BY model, id DESC`,
      [actor.tenantId, record.id, HISTORY_LIMIT],
    ),
  ]);
  const files = published?.app.files ?? {};
  return {
    recordId: record.id,
    object,
    models: models.map((model) => {
      const definition = Object.values(files).find(
        (f) =>
          (f as { id?: unknown; object?: unknown })?.id === model.id && (f as { object?: unknown }).object === object,
      ) as Record<string, unknown> | undefined;
      const labels = ruleLabels(definition);
      const row = scores.rows.find((r) => r.model === model.id);
      return {
        model: model.id,
        label: definition?.['label'] ?? null,
        score: row ? Number(row.score) : null,
        grade: row?.grade ?? null,
        mql: row?.mql ?? false,
        mqlAt: row?.mql_at?.toISOString() ?? null,
        appVersion: row?.app_version ?? null,
        scoredAt: row?.scored_at.toISOString() ?? null,
        fired: (row?.fired ?? []).map((f) => ({ ...f, label: labels.get(f.ruleId) ?? null })),
        errors: row?.errors ?? [],
        history: history.rows
          .filter((h) => h.model === model.id)
          .map((h) => ({
            at: h.at.toISOString(),
            score: Number(h.score),
            grade: h.grade,
            mql: h.mql,
            previousScore: h.previous_score === null ? null : Number(h.previous_score),
            previousGrade: h.previous_grade,
            cause: h.cause,
          })),
      };
    }),
  };
}
