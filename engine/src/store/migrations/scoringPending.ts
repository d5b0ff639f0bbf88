import type { Migration } from './types.js';

/**
 * Migration 9 (issue 4): records whose scoring after a capture or an edit failed. Capture scores
 * right after its write, in a short transaction of its own (docs/scoring.md); when that fails the
 * record is marked here and the scoring worker rescores it on its next tick, so a lead is never
 * left unscored and a capture is never failed by scoring.
 *
 * `record_scores.fingerprint` is what decides whether a rescoring changed a stored result (score,
 * grade, MQL and each fired rule's id, kind, points and event), as text: a bulk rescoring compares it
 * instead of reading back every row's `fired` explanation. Null on rows written before it: rewritten.
 * Its pages keep a fifth free (fillfactor 80), so rescoring a row mostly updates it in place (HOT).
 *
 * `scoring_run_slices.updated_at` is when a batch last advanced the slice: the run's own row is only
 * written when a slice finishes, so parallel batches of one run no longer queue on it.
 */
export const scoringPending: Migration = {
  version: 9,
  name: 'scoring-pending',
  sql: `
CREATE TABLE scoring_pending (
  tenant_id text NOT NULL,
  record_id uuid NOT NULL,
  marked_at timestamptz NOT NULL,
  cause jsonb NOT NULL,
  PRIMARY KEY (tenant_id, record_id)
);

ALTER TABLE record_scores ADD COLUMN fingerprint text NULL;
ALTER TABLE record_scores SET (fillfactor = 80);
ALTER TABLE scoring_run_slices ADD COLUMN updated_at timestamptz NULL;
`,
};
