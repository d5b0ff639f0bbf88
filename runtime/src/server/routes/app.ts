import { compileApp, formatProblem, LeadforgeError } from '@leadforge/engine';
import type { JSONSchemaType } from 'ajv';
import { appAsSeenBy } from '../../apps/appAsSeenBy.js';
import { packageFromBodyOrThrow } from '../../apps/packageInput.js';
import { getDraft, getVersionPackage, listVersions, publishDraft, rollbackTo, saveDraft } from '../../apps/publish.js';
import { packageEndpointProblems } from '../../jobs/packageEndpoints.js';
import { envelopeOrThrow } from '../../records/recordInput.js';
import { bodyParser } from '../bodySchema.js';
import { paramOf, type RouteDef } from '../route.js';

interface PublishBody {
  note?: string;
  expectedVersion?: number;
}

const parsePublish = bodyParser<PublishBody>({
  type: 'object',
  additionalProperties: false,
  properties: {
    note: { type: 'string', maxLength: 500, nullable: true },
    expectedVersion: { type: 'integer', minimum: 0, maximum: 2147483647, nullable: true },
  },
} as JSONSchemaType<PublishBody>);

interface RollbackBody {
  version: number;
}

const parseRollback = bodyParser<RollbackBody>({
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: { version: { type: 'integer', minimum: 1, maximum: 2147483647 } },
} as JSONSchemaType<RollbackBody>);

function versionParamOrThrow(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new LeadforgeError('NOT_FOUND', `version ${raw} does not exist`);
  return Number(raw);
}

export const appRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/app',
    access: 'user',
    summary: 'the published app as the caller may see it: objects, fields, labels, permissions',
    async handle({ ctx, actor }) {
      return { body: await appAsSeenBy(ctx, actor) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/app/versions',
    access: 'admin',
    summary: 'published versions, newest first',
    async handle({ ctx, actor }) {
      return { body: { versions: await listVersions(ctx, actor.tenantId) } };
    },
  },
  {
    method: 'get',
    path: '/api/v1/app/versions/:version',
    access: 'admin',
    summary: 'the package of one published version',
    async handle({ ctx, req, actor }) {
      const version = versionParamOrThrow(paramOf(req, 'version'));
      return { body: { version, package: await getVersionPackage(ctx, actor.tenantId, version) } };
    },
  },
  {
    method: 'get',
    path: '/api/v1/app/draft',
    access: 'admin',
    summary: 'the draft package (a copy of the published one when no draft is saved)',
    async handle({ ctx, actor }) {
      const { pkg, saved } = await getDraft(ctx, actor.tenantId);
      return { body: { saved, package: pkg } };
    },
  },
  {
    method: 'put',
    path: '/api/v1/app/draft',
    access: 'admin',
    summary: 'save the draft { files: { path: json } }; it is validated but saved even with problems',
    async handle({ ctx, req, actor }) {
      const pkg = packageFromBodyOrThrow(req.body);
      await saveDraft(ctx, actor.tenantId, pkg, actor.userId);
      const compiled = compileApp(pkg);
      return { body: { saved: true, problems: compiled.ok ? [] : compiled.problems.map(formatProblem) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/app/draft/validate',
    access: 'admin',
    summary: 'validate the saved draft; answers every problem as "file: /pointer: sentence"',
    async handle({ ctx, req, actor }) {
      envelopeOrThrow(req.body ?? {}, []);
      const { pkg } = await getDraft(ctx, actor.tenantId);
      const compiled = compileApp(pkg);
      // issue 5: the delivery endpoints it names must exist and be sound, as publish will check
      const problems = compiled.ok ? await packageEndpointProblems(ctx, actor.tenantId, pkg) : compiled.problems;
      return { body: { valid: problems.length === 0, problems: problems.map(formatProblem) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/app/publish',
    access: 'admin',
    summary: 'publish the draft as a new immutable version { note?, expectedVersion? }',
    async handle({ ctx, req, actor }) {
      const body = parsePublish(req.body ?? {});
      const published = await publishDraft(ctx, actor.tenantId, {
        actorId: actor.userId,
        ...(body.note == null ? {} : { note: body.note }),
        ...(body.expectedVersion == null ? {} : { expectedVersion: body.expectedVersion }),
      });
      return { status: 201, body: { version: published.version, fingerprint: published.app.fingerprint } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/app/rollback',
    access: 'admin',
    summary: 'publish an earlier version again as the newest version { version }',
    async handle({ ctx, req, actor }) {
      const body = parseRollback(req.body);
      const published = await rollbackTo(ctx, actor.tenantId, body.version, actor.userId);
      return { status: 201, body: { version: published.version, fingerprint: published.app.fingerprint } };
    },
  },
];
