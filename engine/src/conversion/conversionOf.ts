import type { CompiledApp } from '../compile/types.js';
import type { ObjectDefinition } from '../package/schemas/index.js';
import type { ConversionDefinition, ConversionTarget } from './types.js';

/** The conversion an object's definition declares, or undefined when it declares none. */
export function conversionOf(app: CompiledApp, object: string): ConversionDefinition | undefined {
  const path = `objects/${object}.json`;
  if (!Object.hasOwn(app.files, path)) return undefined;
  return (app.files[path] as ObjectDefinition).conversion;
}

/**
 * The targets a conversion creates, in definition order: every required one plus the optional
 * ones asked for. An optional target asked for but unknown is the caller's to report.
 */
export function targetsToConvert(
  conversion: ConversionDefinition,
  include: ReadonlySet<string>,
): readonly ConversionTarget[] {
  return conversion.targets.filter((t) => !t.optional || include.has(t.id));
}
