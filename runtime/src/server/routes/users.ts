import type { JSONSchemaType } from 'ajv';
import { listTeams } from '../../access/teams.js';
import {
  addTeam,
  addUser,
  changeUser,
  type NewTeamBody,
  type NewUserBody,
  type UserPatchBody,
} from '../../access/userAdmin.js';
import { listUsers } from '../../access/users.js';
import { UUID } from '../../records/recordInput.js';
import { bodyParser } from '../bodySchema.js';
import { paramOf, type RouteDef } from '../route.js';

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

const parseNewTeam = bodyParser<NewTeamBody>({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    managerId: { type: 'string', nullable: true, pattern: UUID.source },
  },
} as JSONSchemaType<NewTeamBody>);

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
      return { status: 201, body: await addUser(ctx, actor, parseNewUser(req.body)) };
    },
  },
  {
    method: 'patch',
    path: '/api/v1/users/:id',
    access: 'admin',
    summary: 'change a user; { active: false } disables them and ends their sessions at once',
    async handle({ ctx, req, actor }) {
      return { body: await changeUser(ctx, actor, paramOf(req, 'id'), parseUserPatch(req.body)) };
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
      return { status: 201, body: await addTeam(ctx, actor, parseNewTeam(req.body)) };
    },
  },
];
