import type { JSONSchemaType } from 'ajv';
import { login } from '../../access/login.js';
import { isAdmin } from '../../access/permissions.js';
import { hashToken } from '../../access/secretTokens.js';
import { endSession } from '../../access/sessions.js';
import { getUser } from '../../access/users.js';
import { envelopeOrThrow } from '../../records/recordInput.js';
import { credentialOf, SESSION_COOKIE } from '../authenticate.js';
import { bodyParser } from '../bodySchema.js';
import type { RouteDef } from '../route.js';

interface LoginBody {
  email: string;
  password: string;
  tenant?: string;
}

const parseLogin = bodyParser<LoginBody>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
    tenant: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$', nullable: true },
  },
} as JSONSchemaType<LoginBody>);

export const authRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/auth/login',
    access: 'public',
    summary: 'sign in with email and password; answers a session token and sets the session cookie',
    async handle({ ctx, req, res, ip }) {
      const body = parseLogin(req.body);
      const previous = credentialOf(req);
      const { session, user } = await login(ctx, {
        tenantId: body.tenant ?? 'default',
        email: body.email,
        password: body.password,
        ip,
        ...(previous?.startsWith('lfs_') ? { previousToken: previous } : {}),
      });
      const maxAge = ctx.config.sessionAbsoluteHours * 3600;
      res.setHeader(
        'Set-Cookie',
        `${SESSION_COOKIE}=${session.token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAge}${req.secure ? '; Secure' : ''}`,
      );
      return { body: { token: session.token, expiresAt: session.expiresAt, user } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    access: 'user',
    summary: 'end the current session',
    async handle({ ctx, req, res }) {
      envelopeOrThrow(req.body ?? {}, []);
      const token = credentialOf(req);
      if (token?.startsWith('lfs_')) {
        await endSession(ctx.db, token);
        ctx.actors.forgetToken(hashToken(token));
      }
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
      return { status: 204, body: null };
    },
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    access: 'user',
    summary: 'the signed-in user',
    async handle({ ctx, actor }) {
      const user = await getUser(ctx.db, actor.tenantId, actor.userId);
      const app = await ctx.apps.current(actor.tenantId);
      return { body: { user, admin: isAdmin(app?.app ?? null, actor), via: actor.via } };
    },
  },
];
