import {
  type CompiledApp,
  compileRouting,
  findTeam,
  findUser,
  type PackageProblem,
  type PoolMembers,
  type RoutingDefinition,
  type RoutingStrategy,
  type SqlExecutor,
} from '@leadforge/engine';
import { routingDefinitions, routingOperators } from './appRouting.js';
import { loadRoutingTeams, loadRoutingUsers } from './routingState.js';

interface Ref {
  readonly pointer: string;
  readonly kind: 'user' | 'team';
  readonly ref: string;
}

function membersRefs(at: string, members: PoolMembers): Ref[] {
  const refs: Ref[] = (members.users ?? []).map((u, i) => ({ pointer: `${at}/users/${i}`, kind: 'user', ref: u }));
  if (members.team !== undefined) refs.push({ pointer: `${at}/team`, kind: 'team', ref: members.team });
  return refs;
}

function strategyRefs(at: string, s: RoutingStrategy): Ref[] {
  switch (s.type) {
    case 'round-robin':
    case 'capacity':
      return membersRefs(`${at}/pool`, s.pool);
    case 'weighted':
      return s.weights.map((w, i) => ({ pointer: `${at}/weights/${i}/user`, kind: 'user', ref: w.user }));
    case 'owner':
      return [{ pointer: `${at}/user`, kind: 'user', ref: s.user }];
    case 'territory':
      return s.territories.flatMap((t, i) => (t.pool ? membersRefs(`${at}/territories/${i}/pool`, t.pool) : []));
    case 'queue':
      return [];
  }
}

function refsOf(d: RoutingDefinition): Ref[] {
  return [
    ...d.rules.flatMap((r, i) => strategyRefs(`/rules/${i}/strategy`, r.strategy)),
    ...(d.fallback ? strategyRefs('/fallback', d.fallback) : []),
    ...(d.pools ?? []).flatMap((p, i) => membersRefs(`/pools/${i}/members`, p.members)),
  ];
}

/**
 * What only the tenant can tell at publish (issue 6, Bad input): every user a routing names (by
 * id or email) exists, and every team it names (by id or name) exists — teams are checked once the
 * tenant has any, so a template installs before its teams are made. Conditions must compile.
 */
export async function routingTenantProblems(
  db: SqlExecutor,
  tenantId: string,
  app: CompiledApp,
): Promise<PackageProblem[]> {
  const definitions = routingDefinitions(app.files);
  if (definitions.length === 0) return [];
  const users = await loadRoutingUsers(db, tenantId);
  const teams = await loadRoutingTeams(db, tenantId);
  const problems: PackageProblem[] = [];
  for (const d of definitions) {
    const file = `routing/${d.id}.json`;
    const compiled = compileRouting(d, routingOperators());
    if (!compiled.ok)
      for (const p of compiled.problems) problems.push({ file, pointer: p.pointer, message: p.message });
    for (const r of refsOf(d)) {
      if (r.kind === 'user' && !findUser(users, r.ref))
        problems.push({
          file,
          pointer: r.pointer,
          message: `unknown user "${r.ref}": no user of this tenant has this id or email`,
        });
      if (r.kind === 'team' && teams.length > 0 && !findTeam(teams, r.ref))
        problems.push({
          file,
          pointer: r.pointer,
          message: `unknown team "${r.ref}": must be one of ${teams.map((t) => t.name).join(', ')}`,
        });
    }
  }
  return problems;
}
