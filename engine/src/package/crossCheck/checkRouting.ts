import { didYouMean } from '../didYouMean.js';
import type { ObjectDefinition, RoutingDefinition, RoutingStrategy } from '../schemas/index.js';
import { checkFieldRef, checkRoleRef, checkRule, checkStageRef, checkUnique, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

function checkPoolRole(ctx: CheckContext, file: string, at: string, pool: { readonly role?: string }): void {
  if (pool.role !== undefined) checkRoleRef(ctx, file, `${at}/role`, pool.role);
}

interface FileScope {
  readonly file: string;
  readonly object: ObjectDefinition | undefined;
  /** Lead pools this routing file defines. */
  readonly pools: ReadonlySet<string>;
}

function checkQueueRef(ctx: CheckContext, scope: FileScope, pointer: string, queue: string): void {
  if (scope.pools.has(queue)) return;
  const message =
    scope.pools.size === 0
      ? `unknown lead pool "${queue}": this routing defines no pools (add it to /pools)`
      : `unknown lead pool "${queue}"${didYouMean(queue, scope.pools)}`;
  report(ctx, scope.file, pointer, message);
}

function checkStrategy(ctx: CheckContext, scope: FileScope, at: string, strategy: RoutingStrategy): void {
  const { file, object } = scope;
  switch (strategy.type) {
    case 'round-robin':
    case 'capacity':
      checkPoolRole(ctx, file, `${at}/pool`, strategy.pool);
      return;
    case 'territory':
      if (object) checkFieldRef(ctx, file, `${at}/field`, object, strategy.field);
      strategy.territories.forEach((t, i) => {
        const where = `${at}/territories/${i}`;
        if ((t.pool === undefined) === (t.queue === undefined))
          report(ctx, file, where, 'a territory names either a pool of users or a lead pool (queue), exactly one');
        if (t.pool) checkPoolRole(ctx, file, `${where}/pool`, t.pool);
        if (t.queue !== undefined) checkQueueRef(ctx, scope, `${where}/queue`, t.queue);
      });
      checkUnique(
        ctx,
        file,
        strategy.territories.flatMap((t, i) =>
          t.values.map((v, j) => ({ pointer: `${at}/territories/${i}/values/${j}`, id: v })),
        ),
        (v) => `territory value "${v}"`,
      );
      return;
    case 'weighted':
      checkUnique(
        ctx,
        file,
        strategy.weights.map((w, i) => ({ pointer: `${at}/weights/${i}/user`, id: w.user.toLowerCase() })),
        (u) => `user "${u}"`,
      );
      return;
    case 'queue':
      checkQueueRef(ctx, scope, `${at}/queue`, strategy.queue);
      return;
    case 'owner':
      return;
  }
}

/** Pool ids are unique across every routing file: the pools API names a pool by id alone. */
function checkPools(ctx: CheckContext, file: string, routing: RoutingDefinition): void {
  const pools = routing.pools ?? [];
  checkUnique(
    ctx,
    file,
    pools.map((p, i) => ({ pointer: `/pools/${i}/id`, id: p.id })),
    (id) => `lead pool "${id}"`,
  );
  pools.forEach((pool, i) => {
    const at = `/pools/${i}`;
    checkPoolRole(ctx, file, `${at}/members`, pool.members);
    checkUnique(
      ctx,
      file,
      (pool.returnReasons ?? []).map((r, j) => ({ pointer: `${at}/returnReasons/${j}/id`, id: r.id })),
      (id) => `return reason "${id}"`,
    );
    for (const other of [...ctx.checked.routing.values()].sort((a, b) => a.file.localeCompare(b.file))) {
      if (other.file >= file) break;
      if ((other.value.pools ?? []).some((p) => p.id === pool.id))
        report(ctx, file, `${at}/id`, `lead pool "${pool.id}" is also defined in ${other.file}`);
    }
  });
}

/**
 * Rules have unique ids, read existing fields, name existing stages and roles; queues name lead
 * pools of the same file. Users and teams are tenant data: publish checks them (runtime).
 */
export function checkRouting(ctx: CheckContext, { file, value: routing }: Checked<RoutingDefinition>): void {
  checkUnique(
    ctx,
    file,
    routing.rules.map((r, i) => ({ pointer: `/rules/${i}/id`, id: r.id })),
    'rule',
  );
  const object = objectFor(ctx, file, '/object', routing.object);
  checkPools(ctx, file, routing);
  const scope: FileScope = { file, object, pools: new Set((routing.pools ?? []).map((p) => p.id)) };
  routing.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (object && rule.when !== undefined) checkRule(ctx, file, `${at}/when`, rule.when, object);
    if (object) {
      (rule.stages ?? []).forEach((stage, j) => {
        checkStageRef(ctx, file, `${at}/stages/${j}`, object.id, stage);
      });
    }
    checkStrategy(ctx, scope, `${at}/strategy`, rule.strategy);
  });
  if (routing.fallback) checkStrategy(ctx, scope, '/fallback', routing.fallback);
}
