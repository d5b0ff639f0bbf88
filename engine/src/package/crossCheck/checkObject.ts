import type { ObjectDefinition } from '../schemas/index.js';
import { defaultValueProblem } from './defaultValueProblem.js';
import { patternProblem } from './patternProblem.js';
import { checkDefinitionRef, checkFieldRef, checkUnique, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

const LENGTH_BOUNDED = new Set(['text', 'longtext']);

/** Fields: unique names and options, reference targets, defaults, bounds, safe patterns; dedupe keys. */
export function checkObject(ctx: CheckContext, { file, value: object }: Checked<ObjectDefinition>): void {
  checkUnique(
    ctx,
    file,
    object.fields.map((f, i) => ({ pointer: `/fields/${i}/name`, id: f.name })),
    'field',
  );
  object.fields.forEach((field, i) => {
    const at = `/fields/${i}`;
    if (field.options) {
      checkUnique(
        ctx,
        file,
        field.options.map((o, k) => ({ pointer: `${at}/options/${k}/value`, id: o.value })),
        (value) => `option "${value}" of field "${field.name}"`,
      );
    }
    if (field.reference !== undefined) checkDefinitionRef(ctx, file, `${at}/reference`, 'object', field.reference);
    const defaultProblem = defaultValueProblem(field);
    if (defaultProblem) report(ctx, file, `${at}/default`, defaultProblem);
    if (field.readonly && field.required && field.default === undefined) {
      report(ctx, file, `${at}/required`, 'a read-only field cannot be required unless it has a default');
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      report(ctx, file, `${at}/min`, `min (${field.min}) must not be greater than max (${field.max})`);
    }
    if (LENGTH_BOUNDED.has(field.type)) {
      for (const bound of ['min', 'max'] as const) {
        const n = field[bound];
        if (n !== undefined && !(Number.isInteger(n) && n >= 0)) {
          report(ctx, file, `${at}/${bound}`, `must be a whole number of characters for a ${field.type} field`);
        }
      }
    }
    if (field.pattern !== undefined) {
      const problem = patternProblem(field.pattern);
      if (problem) report(ctx, file, `${at}/pattern`, problem);
    }
  });
  (object.dedupe ?? []).forEach((key, i) => {
    key.forEach((name, j) => {
      checkFieldRef(ctx, file, `/dedupe/${i}/${j}`, object, name);
    });
  });
  (object.merge?.newestWins ?? []).forEach((name, i) => {
    checkFieldRef(ctx, file, `/merge/newestWins/${i}`, object, name);
  });
}
