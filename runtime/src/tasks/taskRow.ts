export const TASK_KINDS = ['todo', 'call', 'visit', 'email', 'meeting'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ACTIVITY_KINDS = ['call', 'visit', 'email', 'meeting', 'note'] as const;

export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A task as the API shows it. */
export interface ApiTask {
  readonly id: string;
  readonly record: { readonly object: string; readonly id: string };
  readonly title: string;
  readonly kind: TaskKind;
  readonly priority: TaskPriority;
  readonly status: 'open' | 'done';
  readonly assignee: string | null;
  readonly dueAt: string | null;
  readonly notes: string | null;
  /** Who or what created it besides a user, e.g. `{ "automation": "quote-click" }`. */
  readonly source: Record<string, unknown> | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  readonly outcome: string | null;
  readonly version: number;
}

export interface TaskDbRow {
  id: string;
  record_id: string;
  object: string;
  title: string;
  kind: TaskKind;
  priority: TaskPriority;
  status: 'open' | 'done';
  assignee_id: string | null;
  due_at: Date | string | null;
  notes: string | null;
  source: Record<string, unknown> | null;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
  completed_by: string | null;
  outcome: string | null;
  version: number;
}

export const TASK_COLUMNS =
  'id, record_id, object, title, kind, priority, status, assignee_id, due_at, notes, source, created_by, created_at, updated_at, completed_at, completed_by, outcome, version';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toApiTask(r: TaskDbRow): ApiTask {
  return {
    id: r.id,
    record: { object: r.object, id: r.record_id },
    title: r.title,
    kind: r.kind,
    priority: r.priority,
    status: r.status,
    assignee: r.assignee_id,
    dueAt: iso(r.due_at),
    notes: r.notes,
    source: r.source,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
    completedBy: r.completed_by,
    outcome: r.outcome,
    version: Number(r.version),
  };
}
