import { isUuid } from '../filter/isUuid.js';
import type { PoolMembers, RoutingSkip, RoutingState, RoutingTeam, RoutingUser } from './types.js';

/** A user named by id or email (case-insensitive). */
export function findUser(users: readonly RoutingUser[], ref: string): RoutingUser | undefined {
  const wanted = ref.trim().toLowerCase();
  return users.find((u) => (isUuid(wanted) ? u.id === wanted : u.email.toLowerCase() === wanted));
}

/** A team named by id or by name (case-insensitive). */
export function findTeam(teams: readonly RoutingTeam[], ref: string): RoutingTeam | undefined {
  const wanted = ref.trim().toLowerCase();
  return teams.find((t) => t.id === wanted || t.name.toLowerCase() === wanted);
}

/** Every member of a pool spec, available or not, in a stable order (named order, else email). */
export function poolMembers(members: PoolMembers, state: Pick<RoutingState, 'users' | 'teams'>): RoutingUser[] {
  const team = members.team !== undefined ? findTeam(state.teams, members.team) : undefined;
  if (members.team !== undefined && !team) return [];
  const fits = (u: RoutingUser) =>
    (members.role === undefined || u.role === members.role) && (team === undefined || u.teamId === team.id);
  if (members.users) {
    const named = members.users.map((ref) => findUser(state.users, ref)).filter((u): u is RoutingUser => !!u);
    return [...new Map(named.map((u) => [u.id, u])).values()].filter(fits);
  }
  return state.users.filter(fits).sort((a, b) => a.email.localeCompare(b.email) || a.id.localeCompare(b.id));
}

/** Why a user may not take a lead now, or undefined when they may. */
export function unavailability(user: RoutingUser): string | undefined {
  if (!user.active) return 'inactive';
  if (user.away) return 'away';
  return undefined;
}

/** The members who may take a lead now; the others go to `skipped` with why. */
export function availableMembers(
  ruleId: string,
  members: readonly RoutingUser[],
  skipped: RoutingSkip[],
): RoutingUser[] {
  return members.filter((u) => {
    const why = unavailability(u);
    if (why) skipped.push({ ruleId, userId: u.id, why: `${u.email} is ${why}` });
    return !why;
  });
}

/** "team North, role rep" — how a pool spec reads in a reason. */
export function describeMembers(members: PoolMembers): string {
  const parts: string[] = [];
  if (members.team !== undefined) parts.push(`team ${members.team}`);
  if (members.role !== undefined) parts.push(`role ${members.role}`);
  if (members.users) parts.push(`${members.users.length} named users`);
  return parts.join(', ');
}
