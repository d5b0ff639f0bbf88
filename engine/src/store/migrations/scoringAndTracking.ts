import type { Migration } from './types.js';

/**
 * Migration 4 (issue 4): scoring and tracking.
 *
 * `record_scores` holds each record's current result per scoring model (score, grade, MQL and the
 * time it first became one, the fired rules, the app version and model hash it was computed with);
 * `score_history` one row per change with its cause (an event id, or a model version for a
 * rescoring run). `scoring_runs` are the bulk rescoring runs after a publish changes a model, one
 * per (tenant, model, app version) whose model hash changed, or a daily decay sweep over models that decay (kind), split into id-range slices
 * (`scoring_run_slices`) that workers take in parallel, each with a persisted cursor so a crashed
 * run resumes. `tracking_visitors` stitches an anonymous visitor id to the record it later identified as; anonymous events stay
 * untouched in `events` (append-only) and are found through this map.
 */
export const scoringAndTracking: Migration = {
  version: 4,
  name: 'scoring-and-tracking',
  sql: `
CREATE TABLE record_scores (
  tenant_id text NOT NULL,
  record_id uuid NOT NULL,
  model text NOT NULL,
  object text NOT NULL,
  score double precision NOT NULL,
  grade text NULL,
  mql boolean NOT NULL,
  mql_at timestamptz NULL,
  app_version int NOT NULL,
  model_hash text NOT NULL,
  fired jsonb NOT NULL,
  errors jsonb NOT NULL,
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, record_id, model)
);

CREATE TABLE score_history (
  tenant_id text NOT NULL,
  id bigserial NOT NULL,
  record_id uuid NOT NULL,
  model text NOT NULL,
  at timestamptz NOT NULL,
  score double precision NOT NULL,
  grade text NULL,
  mql boolean NOT NULL,
  previous_score double precision NULL,
  previous_grade text NULL,
  cause jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX score_history_record_idx ON score_history (tenant_id, record_id, id);

CREATE TABLE scoring_runs (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  model text NOT NULL,
  object text NOT NULL,
  app_version int NOT NULL,
  model_hash text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('publish', 'decay')),
  status text NOT NULL CHECK (status IN ('running', 'done', 'superseded')),
  total int NOT NULL,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX scoring_runs_version_idx ON scoring_runs (tenant_id, model, app_version) WHERE kind = 'publish';
CREATE INDEX scoring_runs_running_idx ON scoring_runs (tenant_id, started_at) WHERE status = 'running';

CREATE TABLE scoring_run_slices (
  tenant_id text NOT NULL,
  run_id uuid NOT NULL,
  slice int NOT NULL,
  range_from uuid NULL,
  range_to uuid NULL,
  cursor uuid NULL,
  processed int NOT NULL DEFAULT 0,
  changed int NOT NULL DEFAULT 0,
  done boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, run_id, slice)
);

CREATE TABLE tracking_visitors (
  tenant_id text NOT NULL,
  visitor_id text NOT NULL,
  record_id uuid NOT NULL,
  identified_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, visitor_id)
);
CREATE INDEX tracking_visitors_record_idx ON tracking_visitors (tenant_id, record_id);
CREATE INDEX events_visitor_idx ON events (tenant_id, (data->>'visitorId')) WHERE record_id IS NULL;
`,
};
