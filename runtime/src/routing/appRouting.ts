import {
  type CompiledApp,
  type CompiledRouting,
  compileRouting,
  createOperatorRegistry,
  LeadforgeError,
  type LeadPoolDefinition,
  type OperatorRegistry,
  type RoutingDefinition,
} from '@leadforge/engine';

/** A lead pool with the routing file that defines it. */
export interface PoolEntryDefinition {
  readonly pool: LeadPoolDefinition;
  readonly routing: string;
  readonly object: string;
}

/** The routing of a published app, compiled once per app fingerprint. */
export interface AppRouting {
  readonly routings: ReadonlyMap<string, CompiledRouting>;
  readonly pools: ReadonlyMap<string, PoolEntryDefinition>;
  /** The routing an object's records go through by default: the first file (by id) for that object. */
  forObject(object: string): CompiledRouting | undefined;
}

const cache = new Map<string, AppRouting>();
let registry: OperatorRegistry | undefined;

/** The operators routing conditions compile against (built-ins). */
export function routingOperators(): OperatorRegistry {
  registry ??= createOperatorRegistry();
  return registry;
}

/** Compiles one routing definition; INVALID with pointers under `prefix` when a rule does not compile. */
export function compileRoutingOrThrow(definition: RoutingDefinition, prefix = ''): CompiledRouting {
  const result = compileRouting(definition, routingOperators());
  if (!result.ok)
    throw new LeadforgeError(
      'INVALID',
      'the routing has problems',
      result.problems.map((p) => ({ path: `${prefix}${p.pointer}`, message: p.message })),
    );
  return result.routing;
}

/** Routing definitions of a package's files (`routing/<id>.json`), sorted by id. */
export function routingDefinitions(files: Readonly<Record<string, unknown>>): RoutingDefinition[] {
  return Object.keys(files)
    .filter((f) => f.startsWith('routing/') && f.endsWith('.json'))
    .sort()
    .map((f) => files[f] as RoutingDefinition);
}

function build(app: CompiledApp): AppRouting {
  const routings = new Map<string, CompiledRouting>();
  const pools = new Map<string, PoolEntryDefinition>();
  for (const definition of routingDefinitions(app.files)) {
    routings.set(definition.id, compileRoutingOrThrow(definition, `routing/${definition.id}.json:`));
    for (const pool of definition.pools ?? [])
      pools.set(pool.id, { pool, routing: definition.id, object: definition.object });
  }
  return {
    routings,
    pools,
    forObject: (object) => [...routings.values()].find((r) => r.object === object),
  };
}

export function routingOf(app: CompiledApp): AppRouting {
  const known = cache.get(app.fingerprint);
  if (known) return known;
  const built = build(app);
  if (cache.size > 100) cache.clear();
  cache.set(app.fingerprint, built);
  return built;
}
