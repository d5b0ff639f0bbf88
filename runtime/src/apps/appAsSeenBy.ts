import { LeadforgeError } from '@leadforge/engine';
import { hiddenFields, isAdmin, objectPermission } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';

/**
 * `GET /api/v1/app`: the published app as the actor's role may see it — only the objects it may
 * read, without the fields hidden from it, each field saying whether the role may write it.
 */
export async function appAsSeenBy(ctx: RuntimeContext, actor: Actor) {
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  const { app } = published;
  const objects = Object.values(app.objects).flatMap((object) => {
    const permission = objectPermission(app, actor, object.name);
    if (!permission?.read) return [];
    const hidden = hiddenFields(permission);
    return [
      {
        name: object.name,
        label: object.label,
        permission: { ...permission, fields: undefined, scope: permission.scope },
        fields: object.fieldNames
          .filter((f) => !hidden.has(f))
          .map((f) => {
            const field = object.fields[f]!;
            return { ...field, writable: !field.readonly && permission.fields[f] === undefined };
          }),
      },
    ];
  });
  return {
    id: app.id,
    name: app.name,
    version: published.version,
    packageVersion: app.version,
    defaultLocale: app.defaultLocale,
    admin: isAdmin(app, actor),
    objects,
  };
}
