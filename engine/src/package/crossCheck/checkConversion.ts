import type { ObjectDefinition } from '../schemas/index.js';
import { defaultValueProblem } from './defaultValueProblem.js';
import { checkFieldRef, checkUnique, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/**
 * An object's conversion (issue 6, point 8): target objects exist; mapped fields exist on both
 * sides; fixed values fit their field; links are reference fields pointing at the object of the
 * converted record ("source") or of an earlier target; the status marker is an option of a select.
 */
export function checkConversion(ctx: CheckContext, { file, value: object }: Checked<ObjectDefinition>): void {
  const conversion = object.conversion;
  if (!conversion) return;
  checkUnique(
    ctx,
    file,
    conversion.targets.map((t, i) => ({ pointer: `/conversion/targets/${i}/id`, id: t.id })),
    'conversion target',
  );
  const objectOfTarget = new Map<string, string>([['source', object.id]]);
  conversion.targets.forEach((target, i) => {
    const at = `/conversion/targets/${i}`;
    if (target.id === 'source') report(ctx, file, `${at}/id`, '"source" names the converted record; pick another id');
    const targetObject = objectFor(ctx, file, `${at}/object`, target.object);
    for (const [to, from] of Object.entries(target.map ?? {})) {
      if (targetObject) checkFieldRef(ctx, file, `${at}/map/${to}`, targetObject, to);
      checkFieldRef(ctx, file, `${at}/map/${to}`, object, from);
    }
    for (const [to, value] of Object.entries(target.set ?? {})) {
      if (!targetObject) continue;
      const field = checkFieldRef(ctx, file, `${at}/set/${to}`, targetObject, to);
      const problem = field && defaultValueProblem({ ...field, default: value });
      if (problem) report(ctx, file, `${at}/set/${to}`, problem);
    }
    for (const [to, name] of Object.entries(target.link ?? {})) {
      const pointer = `${at}/link/${to}`;
      const linked = objectOfTarget.get(name);
      if (!linked) {
        report(ctx, file, pointer, `"${name}" is neither "source" nor the id of an earlier target`);
        continue;
      }
      if (!targetObject) continue;
      const field = checkFieldRef(ctx, file, pointer, targetObject, to);
      if (field && (field.type !== 'reference' || field.reference !== linked))
        report(ctx, file, pointer, `field "${to}" of "${target.object}" must be a reference to "${linked}"`);
    }
    objectOfTarget.set(target.id, target.object);
  });
  const status = conversion.status;
  if (status) {
    const field = checkFieldRef(ctx, file, '/conversion/status/field', object, status.field);
    if (field && !field.options?.some((o) => o.value === status.value))
      report(ctx, file, '/conversion/status/value', `"${status.value}" is not an option of field "${status.field}"`);
  }
}
