import type { CompiledApp, CompiledObject } from '../../compile/types.js';
import { isPlainObject } from '../../filter/isPlainObject.js';
import { isRelativeRange, rangeDates, rangeInstants, resolveRelativeRange } from '../../filter/relativeDates.js';
import type { FilterOptions } from '../../filter/types.js';
import type { RowScope } from '../../store/rowScope.js';
import type { ReportRunContext } from '../types.js';

/** Report-style system names (as in dimensions) and the filter language's own spelling of them. */
const SYSTEM_ALIASES: Readonly<Record<string, string>> = {
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  created_by: 'createdBy',
};

/**
 * A report filter as an absolute one: `{"$within": "last_30_days"}` becomes `$gte`/`$lt` bounds
 * (dates for date fields, instants otherwise) at the run's time and zone, and `created_at`-style
 * names become the filter language's `createdAt` (unless the object has such a field). Anything it
 * does not recognise is left as is for `compileFilter` to refuse with a pointer.
 */
export function absoluteFilter(filter: unknown, object: CompiledObject, now: Date, timeZone: string): unknown {
  if (Array.isArray(filter)) return filter.map((item) => absoluteFilter(item, object, now, timeZone));
  if (!isPlainObject(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(filter)) {
    const value = filter[key];
    if (key === '$and' || key === '$or' || key === '$not') {
      out[key] = absoluteFilter(value, object, now, timeZone);
      continue;
    }
    const name =
      Object.hasOwn(SYSTEM_ALIASES, key) && !Object.hasOwn(object.fields, key) ? (SYSTEM_ALIASES[key] as string) : key;
    Object.defineProperty(out, name, {
      value: withinResolved(name, value, object, now, timeZone),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function withinResolved(name: string, value: unknown, object: CompiledObject, now: Date, timeZone: string): unknown {
  if (!isPlainObject(value) || !Object.hasOwn(value, '$within') || !isRelativeRange(value['$within'])) return value;
  const field = Object.hasOwn(object.fields, name) ? object.fields[name] : undefined;
  const dated = field
    ? field.type === 'date' || field.type === 'datetime'
    : name === 'createdAt' || name === 'updatedAt';
  // anything else keeps its $within, for compileFilter to refuse at the right pointer
  if (!dated) return value;
  const range = resolveRelativeRange(value['$within'], now, timeZone);
  let bounds: { from: string; to: string };
  if (field?.type === 'date') bounds = rangeDates(range, timeZone);
  else {
    const instants = rangeInstants(range, timeZone);
    bounds = { from: instants.from.toISOString(), to: instants.to.toISOString() };
  }
  const { $within: _, ...rest } = value;
  return { ...rest, $gte: bounds.from, $lt: bounds.to };
}

/** The viewer's row scope of `object` during a run: its own if the run lists one, else the report's. */
export function viewerScope(ctx: ReportRunContext, object: string): RowScope {
  return ctx.scopes?.get(object) ?? ctx.scope;
}

/**
 * How a report's filters compile over `object` for one run: `$within` at the run's time and zone,
 * `$related` under the viewer's scope of the referenced object, hidden fields refused. A drill-down's
 * `record` condition compiles the same way.
 */
export function reportFilterOptions(app: CompiledApp, object: CompiledObject, ctx: ReportRunContext): FilterOptions {
  const hidden = ctx.hiddenFields?.get(object.name);
  return {
    now: ctx.now,
    timeZone: ctx.timeZone,
    relatedObject: (name: string) => {
      const target = Object.hasOwn(app.objects, name) ? app.objects[name] : undefined;
      const targetHidden = ctx.hiddenFields?.get(name);
      return target
        ? { object: target, scope: viewerScope(ctx, name), ...(targetHidden ? { hiddenFields: targetHidden } : {}) }
        : undefined;
    },
    ...(hidden ? { hiddenFields: hidden } : {}),
  };
}
