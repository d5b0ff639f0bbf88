import type { RoleDefinition } from '../package/schemas/index.js';
import type { CompiledRole, ObjectPermission } from './types.js';

/** Roles by id. An object a role does not list is an object it cannot access. */
export function compileRoles(roles: readonly RoleDefinition[]): Record<string, CompiledRole> {
  const compiled: Record<string, CompiledRole> = {};
  for (const role of roles) {
    const objects: Record<string, ObjectPermission> = {};
    for (const [object, p] of Object.entries(role.objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      objects[object] = {
        read: p.read,
        create: p.create,
        update: p.update,
        delete: p.delete,
        scope: p.scope,
        fields: { ...(p.fields ?? {}) },
      };
    }
    compiled[role.id] = { id: role.id, label: role.label, admin: role.admin ?? false, objects };
  }
  return compiled;
}
