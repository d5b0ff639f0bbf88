import { LeadforgeError } from '@leadforge/engine';
import type { JSONSchemaType } from 'ajv';
import { BUILT_IN_ADMIN_ROLE } from '../../access/permissions.js';
import { createTeam, getTeam, listTeams } from '../../access/teams.js';
import type { Actor } from '../../access/types.js';
import { createUser, getUser, listUsers, updateUser } from '../../access/users.js';
import type { RuntimeContext } from '../../context.js';
import { UUID } from '../../records/recordInput.js';
import { bodyParser } from '../bodySchema.js';
import { paramOf, type RouteDef } from '../route.js';

interface NewUserBody {
  email: string;
  name: string;
  password: string;
  role: string;
  teamId?: string | null;
  managerId?: string | null;
}

interface UserPatchBody {
  name?: string;
  role?: string;
  teamId?: string | null;
  managerId?: string | null;
  active?: boolean;
  away?: boolean;
  password?: string;
}

const parseNewUser = bodyParser<NewUserBody>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'name', 'password', 'role'],
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
    role: { type: 'string', minLength: 1, maxLength: 63 },
    teamId: { type: 'string', nullable: true, pattern: UUID.source },
    managerId: { type: 'string', nullable: true, pattern: UUID.source },
  },
} as JSONSchemaType<NewUserBody>);

const parseUserPatch = bodyParser<UserPatchBody>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    role: { type: 'string', minLength: 1, maxLength: 63, nullable: true },
    teamId: { type: 'string', nullable: true, pattern: UUID.source },
    managerId: { type: 'string', nullable: true, pattern: UUID.source },
    active: { type: 'boolean', nullable: true },
    away: { type: 'boolean', nullable: true },
    password: { type: 'string', minLength: 1, maxLength: 1024, nullable: true },
  },
} as JSONSchemaType<UserPatchBody>);

interface NewTeamBody {
  name: string;
  managerId?: string | null;
}

const parseNewTeam = bodyParser<NewTeamBody>({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    managerId: { type: 'string', nullable: true, pattern: UUID.source },
  },
} as JSONSchemaType<NewTeamBody>);

async function roleOrThrow(ctx: RuntimeContext, actor: Actor, role: string | undefined) {
  if (role === undefined || role === BUILT_IN_ADMIN_ROLE) return;
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

export const userRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/users',
    access: 'admin',
    summary: 'list users of the tenant',
    async handle({ ctx, actor }) {
      return { body: { users: await listUsers(ctx.db, actor.tenantId) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/users',
    access: 'admin',
    summary: 'create a user { email, name, password, role, teamId?, managerId? }',
    async handle({ ctx, req, actor }) {
      const body = parseNewUser(req.body);
      await roleOrThrow(ctx, actor, body.role);
      await referencesOrThrow(ctx, actor, body.teamId, body.managerId);
      const user = await createUser(ctx.db, actor.tenantId, {
        ...body,
        teamId: body.teamId?.toLowerCase() ?? null,
        managerId: body.managerId?.toLowerCase() ?? null,
      });
      return { status: 201, body: user };
    },
  },
  {
    method: 'patch',
    path: '/api/v1/users/:id',
    access: 'admin',
    summary: 'change a user; { active: false } disables them and ends their sessions at once',
    async handle({ ctx, req, actor }) {
      const id = paramOf(req, 'id');
      if (!UUID.test(id)) throw new LeadforgeError('NOT_FOUND', 'user not found');
      const body = parseUserPatch(req.body);
      await roleOrThrow(ctx, actor, body.role ?? undefined);
      await referencesOrThrow(ctx, actor, body.teamId, body.managerId);
      const { name, role, active, away, password, teamId, managerId } = body;
      const user = await updateUser(ctx.db, actor.tenantId, id.toLowerCase(), {
        ...(name == null ? {} : { name }),
        ...(role == null ? {} : { role }),
        ...(active == null ? {} : { active }),
        ...(away == null ? {} : { away }),
        ...(password == null ? {} : { password }),
        ...(teamId === undefined ? {} : { teamId: teamId?.toLowerCase() ?? null }),
        ...(managerId === undefined ? {} : { managerId: managerId?.toLowerCase() ?? null }),
      });
      if (!user) throw new LeadforgeError('NOT_FOUND', 'user not found');
      ctx.actors.forgetUser(actor.tenantId, user.id);
      return { body: user };
    },
  },
  {
    method: 'get',
    path: '/api/v1/teams',
    access: 'admin',
    summary: 'list teams',
    async handle({ ctx, actor }) {
      return { body: { teams: await listTeams(ctx.db, actor.tenantId) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/teams',
    access: 'admin',
    summary: 'create a team { name, managerId? }',
    async handle({ ctx, req, actor }) {
      const body = parseNewTeam(req.body);
      await referencesOrThrow(ctx, actor, undefined, body.managerId);
      const team = await createTeam(ctx.db, actor.tenantId, {
        name: body.name,
        managerId: body.managerId?.toLowerCase() ?? null,
      });
      return { status: 201, body: team };
    },
  },
];
