import { type CompiledApp, createOperatorRegistry, LeadforgeError, type OperatorRegistry } from '@leadforge/engine';
import type { PipelineDefinition } from '../../../engine/src/package/schemas/index.js';
import { type CompiledPipeline, compilePipeline } from '../../../engine/src/pipelines/index.js';

export interface AppPipelines {
  readonly all: readonly CompiledPipeline[];
  byObject(object: string): readonly CompiledPipeline[];
}

const cache = new Map<string, AppPipelines>();
let registry: OperatorRegistry | undefined;

function build(app: CompiledApp): AppPipelines {
  registry ??= createOperatorRegistry();
  const files = Object.keys(app.files)
    .filter((f) => f.startsWith('pipelines/') && f.endsWith('.json'))
    .sort();
  const all = files.map((file) => {
    const result = compilePipeline(app.files[file] as PipelineDefinition, registry!);
    if (!result.ok)
      throw new LeadforgeError(
        'INVALID',
        `${file} has rules that cannot be compiled`,
        result.problems.map((p) => ({ path: `${file}:${p.pointer}`, message: p.message })),
      );
    return result.pipeline;
  });
  return { all, byObject: (object) => all.filter((p) => p.object === object) };
}

/** The pipelines of a published app, compiled once per app fingerprint. */
export function pipelinesOf(app: CompiledApp): AppPipelines {
  const known = cache.get(app.fingerprint);
  if (known) return known;
  const built = build(app);
  if (cache.size > 64) cache.clear();
  cache.set(app.fingerprint, built);
  return built;
}

/** The pipeline a transition of `object` uses: the one named, else the object's only pipeline. */
export function pipelineOrThrow(app: CompiledApp, object: string, id: string | undefined): CompiledPipeline {
  const list = pipelinesOf(app).byObject(object);
  if (list.length === 0)
    throw new LeadforgeError('INVALID', `${object} records have no pipeline in this app`, [
      { path: '/object', message: 'has no pipeline' },
    ]);
  if (id === undefined) {
    if (list.length === 1) return list[0]!;
    throw new LeadforgeError('MALFORMED', `${object} has several pipelines: name one`, [
      { path: '/pipeline', message: `must be one of: ${list.map((p) => p.id).join(', ')}` },
    ]);
  }
  const found = list.find((p) => p.id === id);
  if (!found)
    throw new LeadforgeError('INVALID', `unknown pipeline "${id}"`, [
      { path: '/pipeline', message: `must be one of: ${list.map((p) => p.id).join(', ')}` },
    ]);
  return found;
}
