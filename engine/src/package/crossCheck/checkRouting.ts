import type { ObjectDefinition, RoutingDefinition, RoutingStrategy } from '../schemas/index.js';
import { checkFieldRef, checkRoleRef, checkRule, checkStageRef, checkUnique, objectFor } from './references.js';
import type { CheckContext, Checked } from './types.js';

function checkPoolRole(ctx: CheckContext, file: string, at: string, pool: { readonly role?: string }): void {
  if (pool.role !== undefined) checkRoleRef(ctx, file, `${at}/role`, pool.role);
}

function checkStrategy(
  ctx: CheckContext,
  file: string,
  at: string,
  strategy: RoutingStrategy,
  object: ObjectDefinition | undefined,
): void {
  switch (strategy.type) {
    case 'round-robin':
    case 'capacity':
      checkPoolRole(ctx, file, `${at}/pool`, strategy.pool);
      return;
    case 'territory':
      if (object) checkFieldRef(ctx, file, `${at}/field`, object, strategy.field);
      strategy.territories.forEach((t, i) => {
        checkPoolRole(ctx, file, `${at}/territories/${i}/pool`, t.pool);
      });
      return;
    case 'weighted':
    case 'owner':
    case 'queue':
      return;
  }
}

/** Rules have unique ids, read existing fields, name existing stages and roles. */
export function checkRouting(ctx: CheckContext, { file, value: routing }: Checked<RoutingDefinition>): void {
  checkUnique(
    ctx,
    file,
    routing.rules.map((r, i) => ({ pointer: `/rules/${i}/id`, id: r.id })),
    'rule',
  );
  const object = objectFor(ctx, file, '/object', routing.object);
  routing.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (object && rule.when !== undefined) checkRule(ctx, file, `${at}/when`, rule.when, object);
    if (object) {
      (rule.stages ?? []).forEach((stage, j) => {
        checkStageRef(ctx, file, `${at}/stages/${j}`, object.id, stage);
      });
    }
    checkStrategy(ctx, file, `${at}/strategy`, rule.strategy, object);
  });
  if (routing.fallback) checkStrategy(ctx, file, '/fallback', routing.fallback, object);
}
