import {
  type CompiledApp,
  type CompiledObject,
  LeadforgeError,
  type ObjectPermission,
  type RowScope,
} from '@leadforge/engine';
import { hiddenFields, objectPermission, rowScope, unwritableFields } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';

export type RecordAction = 'read' | 'create' | 'update' | 'delete';

/** Everything a record operation needs to know about the caller's rights on one object. */
export interface ObjectAccess {
  readonly app: CompiledApp;
  readonly object: CompiledObject;
  readonly permission: ObjectPermission;
  readonly scope: RowScope;
  readonly hidden: ReadonlySet<string>;
  readonly unwritable: ReadonlySet<string>;
}

export async function objectAccessOrThrow(
  ctx: RuntimeContext,
  actor: Actor,
  objectName: string,
  action: RecordAction,
): Promise<ObjectAccess> {
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  const { app } = published;
  const object = Object.hasOwn(app.objects, objectName) ? app.objects[objectName] : undefined;
  if (!object) {
    throw new LeadforgeError('NOT_FOUND', `unknown object "${objectName}"`, [
      { path: '/object', message: `must be one of: ${Object.keys(app.objects).join(', ')}` },
    ]);
  }
  const permission = objectPermission(app, actor, objectName);
  if (!permission?.read || !permission[action]) {
    throw new LeadforgeError('FORBIDDEN', `your role may not ${action} ${objectName} records`);
  }
  return {
    app,
    object,
    permission,
    scope: rowScope(permission, actor),
    hidden: hiddenFields(permission),
    unwritable: unwritableFields(permission),
  };
}
