import { LeadforgeError, type NurtureDefinition } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';

/** The job kind that runs one step of one nurture enrolment. */
export const NURTURE_STEP_JOB = 'nurture.step';

/** The job kind of the daily recycle sweep of one tenant. */
export const NURTURE_RECYCLE_JOB = 'nurture.recycle';

/** Every nurture sequence of the published app, by id (the package files were validated at publish). */
export function nurturesOf(published: PublishedApp): ReadonlyMap<string, NurtureDefinition> {
  const found = new Map<string, NurtureDefinition>();
  for (const [path, value] of Object.entries(published.app.files)) {
    const match = /^nurture\/([^/]+)\.json$/.exec(path);
    if (match) found.set(match[1]!, value as NurtureDefinition);
  }
  return found;
}

/** The published sequence `id`, or NOT_FOUND. */
export function nurtureOrThrow(published: PublishedApp, id: string): NurtureDefinition {
  const nurture = nurturesOf(published).get(id);
  if (!nurture) throw new LeadforgeError('NOT_FOUND', `no nurture sequence "${id}" is published`);
  return nurture;
}
