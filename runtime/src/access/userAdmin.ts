import { LeadforgeError } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import { UUID } from '../records/recordInput.js';
import { rerouteLeadsOf } from '../routing/rerouteLeadsOf.js';
import { BUILT_IN_ADMIN_ROLE } from './permissions.js';
import { createTeam, getTeam } from './teams.js';
import type { Actor, TeamRow, UserRow } from './types.js';
import { createUser, getUser, updateUser } from './users.js';

export interface NewUserBody {
  email: string;
  name: string;
  password: string;
  role: string;
  teamId?: string | null;
  managerId?: string | null;
}

export interface UserPatchBody {
  name?: string | null;
  role?: string | null;
  teamId?: string | null;
  managerId?: string | null;
  active?: boolean | null;
  away?: boolean | null;
  password?: string | null;
}

export interface NewTeamBody {
  name: string;
  managerId?: string | null;
}

async function roleOrThrow(ctx: RuntimeContext, actor: Actor, role: string | null | undefined) {
  if (role == null || role === BUILT_IN_ADMIN_ROLE) return;
  const app = await ctx.apps.current(actor.tenantId);
  if (!app || !Object.hasOwn(app.app.roles, role)) {
    const known = [BUILT_IN_ADMIN_ROLE, ...Object.keys(app?.app.roles ?? {})];
    throw new LeadforgeError('INVALID', `unknown role "${role}"`, [
      { path: '/role', message: `must be one of: ${[...new Set(known)].join(', ')}` },
    ]);
  }
}

async function referencesOrThrow(ctx: RuntimeContext, actor: Actor, teamId?: string | null, managerId?: string | null) {
  if (teamId && !(await getTeam(ctx.db, actor.tenantId, teamId.toLowerCase()))) {
    throw new LeadforgeError('INVALID', 'unknown team', [{ path: '/teamId', message: 'no team has this id' }]);
  }
  if (managerId && !(await getUser(ctx.db, actor.tenantId, managerId.toLowerCase()))) {
    throw new LeadforgeError('INVALID', 'unknown manager', [{ path: '/managerId', message: 'no user has this id' }]);
  }
}

const lower = (id: string | null | undefined) => (id == null ? null : id.toLowerCase());

/** An admin adds a user: the role must exist in the published app, the team and manager in the tenant. */
export async function addUser(ctx: RuntimeContext, actor: Actor, body: NewUserBody): Promise<UserRow> {
  await roleOrThrow(ctx, actor, body.role);
  await referencesOrThrow(ctx, actor, body.teamId, body.managerId);
  return createUser(ctx.db, actor.tenantId, { ...body, teamId: lower(body.teamId), managerId: lower(body.managerId) });
}

/** An admin changes a user; this process forgets the user's cached sessions at once. */
export async function changeUser(ctx: RuntimeContext, actor: Actor, id: string, body: UserPatchBody): Promise<UserRow> {
  if (!UUID.test(id)) throw new LeadforgeError('NOT_FOUND', 'user not found');
  await roleOrThrow(ctx, actor, body.role);
  await referencesOrThrow(ctx, actor, body.teamId, body.managerId);
  const { name, role, active, away, password, teamId, managerId } = body;
  const wasActive = active === false && (await getUser(ctx.db, actor.tenantId, id.toLowerCase()))?.active === true;
  const user = await updateUser(ctx.db, actor.tenantId, id.toLowerCase(), {
    ...(name == null ? {} : { name }),
    ...(role == null ? {} : { role }),
    ...(active == null ? {} : { active }),
    ...(away == null ? {} : { away }),
    ...(password == null ? {} : { password }),
    ...(teamId === undefined ? {} : { teamId: lower(teamId) }),
    ...(managerId === undefined ? {} : { managerId: lower(managerId) }),
  });
  if (!user) throw new LeadforgeError('NOT_FOUND', 'user not found');
  ctx.actors.forgetUser(actor.tenantId, user.id);
  // issue 6: a deactivated user's open leads are routed again (inactive users never get leads)
  if (wasActive) await rerouteLeadsOf(ctx, actor.tenantId, user.id, actor.userId);
  return user;
}

export async function addTeam(ctx: RuntimeContext, actor: Actor, body: NewTeamBody): Promise<TeamRow> {
  await referencesOrThrow(ctx, actor, undefined, body.managerId);
  return createTeam(ctx.db, actor.tenantId, { name: body.name, managerId: lower(body.managerId) });
}
