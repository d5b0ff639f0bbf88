import type { CompiledApp, ObjectPermission, RowScope } from '@leadforge/engine';
import type { Actor } from './types.js';

/** The role id that always keeps admin rights, so a package edit can never lock every admin out. */
export const BUILT_IN_ADMIN_ROLE = 'admin';

const FULL_ACCESS: ObjectPermission = Object.freeze({
  read: true,
  create: true,
  update: true,
  delete: true,
  scope: 'all',
  fields: Object.freeze({}),
});

export function isAdmin(app: CompiledApp | null, actor: Actor): boolean {
  return actor.role === BUILT_IN_ADMIN_ROLE || app?.roles[actor.role]?.admin === true;
}

/** What the actor may do with an object under the current app; null = nothing. */
export function objectPermission(app: CompiledApp, actor: Actor, object: string): ObjectPermission | null {
  if (!app.objects[object]) return null;
  if (isAdmin(app, actor)) return FULL_ACCESS;
  return app.roles[actor.role]?.objects[object] ?? null;
}

export function rowScope(permission: ObjectPermission, actor: Actor): RowScope {
  switch (permission.scope) {
    case 'all':
      return { kind: 'all' };
    case 'team':
      return { kind: 'team', teamId: actor.teamId, userId: actor.userId };
    case 'own':
      return { kind: 'own', userId: actor.userId };
  }
}

export function hiddenFields(permission: ObjectPermission): ReadonlySet<string> {
  return new Set(Object.entries(permission.fields).flatMap(([f, a]) => (a === 'hidden' ? [f] : [])));
}

/** Fields the role may not write: hidden ones and read-only ones. */
export function unwritableFields(permission: ObjectPermission): ReadonlySet<string> {
  return new Set(Object.keys(permission.fields));
}
