import { didYouMean } from '../didYouMean.js';
import { pointer } from '../jsonPointer.js';
import type { ObjectDefinition, ReportDefinition } from '../schemas/index.js';
import { exceedsDepth, MAX_JSON_LOGIC_DEPTH } from './jsonLogic.js';
import { checkFieldRef, checkUnique, objectFor, report, SYSTEM_FIELD_TYPES, SYSTEM_VARIABLES } from './references.js';
import type { CheckContext, Checked } from './types.js';

const NUMERIC = new Set(['number', 'integer', 'currency']);
const ORDERED = new Set(['number', 'integer', 'currency', 'date', 'datetime']);
const DATED = new Set(['date', 'datetime']);

/** The type of a field of the object or of a system column (`created_at`…), reporting an unknown name. */
function fieldType(
  ctx: CheckContext,
  file: string,
  at: string,
  object: ObjectDefinition,
  name: string,
): string | undefined {
  if (Object.hasOwn(SYSTEM_FIELD_TYPES, name)) return SYSTEM_FIELD_TYPES[name];
  return checkFieldRef(ctx, file, at, object, name)?.type;
}

/** Filter keys are fields (or system names) and `$and`/`$or` lists and `$not`. */
function checkFilter(ctx: CheckContext, file: string, at: string, filter: unknown, object: ObjectDefinition): void {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return;
  const known = new Set([...object.fields.map((f) => f.name), ...SYSTEM_VARIABLES]);
  for (const [key, value] of Object.entries(filter)) {
    const here = `${at}${pointer(key)}`;
    if (key === '$and' || key === '$or') {
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          checkFilter(ctx, file, `${here}/${i}`, v, object);
        });
      }
    } else if (key === '$not') {
      checkFilter(ctx, file, here, value, object);
    } else if (!known.has(key)) {
      report(ctx, file, here, `unknown field "${key}" on object "${object.id}"${didYouMean(key, known)}`);
    }
  }
}

/** Dimensions and measures use existing fields of fitting types; sorting names a dimension or a measure. */
export function checkReport(ctx: CheckContext, { file, value: definition }: Checked<ReportDefinition>): void {
  checkUnique(
    ctx,
    file,
    definition.measures.map((m, i) => ({ pointer: `/measures/${i}/id`, id: m.id })),
    'measure',
  );
  const object = objectFor(ctx, file, '/object', definition.object);
  if (!object) return;
  if (definition.filters !== undefined) {
    if (exceedsDepth(definition.filters)) {
      report(ctx, file, '/filters', `filter nests deeper than ${MAX_JSON_LOGIC_DEPTH} levels`);
    } else {
      checkFilter(ctx, file, '/filters', definition.filters, object);
    }
  }
  const dimensions = definition.dimensions ?? [];
  dimensions.forEach((dimension, i) => {
    const type = fieldType(ctx, file, `/dimensions/${i}/field`, object, dimension.field);
    if (type && dimension.bucket !== undefined && !DATED.has(type)) {
      report(
        ctx,
        file,
        `/dimensions/${i}/bucket`,
        `a bucket needs a date or datetime field; "${dimension.field}" is ${type}`,
      );
    }
  });
  definition.measures.forEach((measure, i) => {
    if (measure.field === undefined) return;
    const type = fieldType(ctx, file, `/measures/${i}/field`, object, measure.field);
    if (!type) return;
    const fits =
      measure.op === 'sum' || measure.op === 'avg'
        ? NUMERIC
        : measure.op === 'min' || measure.op === 'max'
          ? ORDERED
          : undefined;
    if (fits && !fits.has(type)) {
      report(
        ctx,
        file,
        `/measures/${i}/field`,
        `${measure.op} needs a ${fits === NUMERIC ? 'number' : 'number or date'} field; "${measure.field}" is ${type}`,
      );
    }
  });
  const sortable = new Set([...dimensions.map((d) => d.field), ...definition.measures.map((m) => m.id)]);
  (definition.sort ?? []).forEach((s, i) => {
    if (!sortable.has(s.by)) {
      report(
        ctx,
        file,
        `/sort/${i}/by`,
        `"${s.by}" is neither a dimension nor a measure of this report${didYouMean(s.by, sortable)}`,
      );
    }
  });
}
