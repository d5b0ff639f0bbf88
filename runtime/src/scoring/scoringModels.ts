import {
  type CompiledApp,
  type CompiledScoringModel,
  canonicalJson,
  compileScoringModel,
  createOperatorRegistry,
  fnv1a64,
  LeadforgeError,
  type OperatorRegistry,
} from '@leadforge/engine';

/** One scoring model of a published app, compiled once. */
export interface ScoringModelEntry {
  readonly id: string;
  readonly object: string;
  readonly compiled: CompiledScoringModel;
  /** Hash of the model's definition: a publish that changes it starts a rescoring run. */
  readonly hash: string;
  /** The record fields this model's result is copied into, or null when another model holds them. */
  readonly mirror: { readonly scoreField: string; readonly gradeField: string } | null;
}

export interface AppScoring {
  readonly models: readonly ScoringModelEntry[];
  byObject(object: string): readonly ScoringModelEntry[];
}

const cache = new Map<string, AppScoring>();
let registry: OperatorRegistry | undefined;

/** The operator registry scoring rules compile against (built-ins). */
export function scoringOperators(): OperatorRegistry {
  registry ??= createOperatorRegistry();
  return registry;
}

/** Compiles one model definition (a draft for what-if, or a published one); INVALID with pointers when it has problems. */
export function compileModelOrThrow(definition: unknown): CompiledScoringModel {
  const result = compileScoringModel(definition, scoringOperators());
  if (!result.ok)
    throw new LeadforgeError(
      'INVALID',
      'the scoring model has problems',
      result.problems.map((p) => ({ path: `/model${p.pointer}`, message: p.message })),
    );
  return result.model;
}

export function modelHash(definition: unknown): string {
  return fnv1a64(canonicalJson(definition));
}

function build(app: CompiledApp): AppScoring {
  const files = Object.keys(app.files)
    .filter((file) => file.startsWith('scoring/') && file.endsWith('.json'))
    .sort();
  const claimed = new Set<string>();
  const definitions = files.map((file) => app.files[file] as Record<string, unknown>);
  // A model naming its scoreField explicitly is mirrored before any model relying on the default.
  const ordered = [
    ...definitions.filter((d) => d['scoreField'] !== undefined),
    ...definitions.filter((d) => d['scoreField'] === undefined),
  ];
  const mirrors = new Map<unknown, ScoringModelEntry['mirror']>();
  for (const d of ordered) {
    const scoreField = (d['scoreField'] as string | undefined) ?? 'score';
    const gradeField = (d['gradeField'] as string | undefined) ?? 'grade';
    const key = `${String(d['object'])}.${scoreField}`;
    mirrors.set(d, claimed.has(key) ? null : { scoreField, gradeField });
    claimed.add(key);
  }
  const models = definitions.map((d) => ({
    id: String(d['id']),
    object: String(d['object']),
    compiled: compileModelOrThrow(d),
    hash: modelHash(d),
    mirror: mirrors.get(d) ?? null,
  }));
  return {
    models,
    byObject: (object) => models.filter((m) => m.object === object),
  };
}

/** The scoring models of a published app, compiled once per app fingerprint. */
export function scoringOf(app: CompiledApp): AppScoring {
  const known = cache.get(app.fingerprint);
  if (known) return known;
  const built = build(app);
  if (cache.size > 64) cache.clear();
  cache.set(app.fingerprint, built);
  return built;
}
