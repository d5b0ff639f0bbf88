import { pointer } from '../jsonPointer.js';
import type { RolesDefinition } from '../schemas/index.js';
import { checkFieldRef, checkUnique, objectFor } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** Role ids are unique; every object and field a permission names exists. */
export function checkRoles(ctx: CheckContext, { file, value }: Checked<RolesDefinition>): void {
  checkUnique(
    ctx,
    file,
    value.roles.map((r, i) => ({ pointer: `/roles/${i}/id`, id: r.id })),
    'role',
  );
  value.roles.forEach((role, i) => {
    for (const [objectId, permission] of Object.entries(role.objects)) {
      const object = objectFor(ctx, file, pointer('roles', i, 'objects', objectId), objectId);
      if (!object) continue;
      for (const field of Object.keys(permission.fields ?? {})) {
        checkFieldRef(ctx, file, pointer('roles', i, 'objects', objectId, 'fields', field), object, field);
      }
    }
  });
}
