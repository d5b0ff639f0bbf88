import type { Actor } from '../../access/types.js';
import type { RuntimeContext } from '../../context.js';
import { objectAccessOrThrow } from '../../records/recordAccess.js';
import {
  checkImportOrThrow,
  createImportRun,
  type DryRunReport,
  dryRunImport,
  type ImportRequest,
  type ImportSubject,
  workInBackground,
} from './importService.js';
import type { ImportRun } from './importStore.js';

/** What an import request did: a dry run's report, or a run started in the background. */
export type ImportStart = { readonly dryRun: DryRunReport } | { readonly run: ImportRun };

/**
 * `POST /api/v1/imports/:object`: an actor whose role may create the object's records imports a
 * file as their own (owned by them, in their team, fields they may not write refused). The file
 * is read only once that is settled, so a refused caller's upload is never taken in.
 */
export async function startImport(
  ctx: RuntimeContext,
  actor: Actor,
  request: ImportRequest & { readonly dryRun: boolean },
  readFile: () => Promise<Buffer>,
): Promise<ImportStart> {
  const access = await objectAccessOrThrow(ctx, actor, request.object, 'create');
  const bytes = await readFile();
  const subject: ImportSubject = {
    tenantId: actor.tenantId,
    actorId: actor.userId,
    ownerId: actor.userId,
    teamId: actor.teamId,
    unwritable: access.unwritable,
  };
  const checked = await checkImportOrThrow(ctx, subject, request, bytes);
  if (request.dryRun) return { dryRun: await dryRunImport(ctx, subject, checked) };
  const run = await createImportRun(ctx, subject, checked, request.fileName);
  workInBackground(ctx, run);
  return { run };
}
