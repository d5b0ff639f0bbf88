import type { LeadScore, ScoreCrossing, ScoreSnapshot } from './types.js';

/**
 * The `score.crossed` event to emit when a new score moves the lead to another grade or into or out
 * of MQL; none when it stays where it was (so an MQL is announced once, not on every re-score).
 * `before` is null for a lead never scored.
 */
export function scoreCrossings(before: ScoreSnapshot | null | undefined, after: LeadScore): ScoreCrossing[] {
  const fromGrade = before?.grade ?? null;
  const wasMql = before?.mql === true;
  if (fromGrade === after.grade && wasMql === after.mql) return [];
  return [
    {
      type: 'score.crossed',
      model: after.model,
      fromGrade,
      toGrade: after.grade,
      becameMql: !wasMql && after.mql,
      score: after.score,
    },
  ];
}
