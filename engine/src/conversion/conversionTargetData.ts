import type { ConversionSource, ConversionTarget, ConvertedIds } from './types.js';

/**
 * The data of one target record: mapped fields copied from the source (empty ones left out),
 * fixed values, links to the source or earlier targets, then the caller's overrides on top.
 */
export function conversionTargetData(
  target: ConversionTarget,
  source: ConversionSource,
  converted: ConvertedIds,
  overrides: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [to, from] of Object.entries(target.map ?? {})) {
    const value = Object.hasOwn(source.data, from) ? source.data[from] : undefined;
    if (value !== undefined && value !== null && value !== '') data[to] = value;
  }
  for (const [to, value] of Object.entries(target.set ?? {})) data[to] = value;
  for (const [to, name] of Object.entries(target.link ?? {})) {
    const id = name === 'source' ? source.id : converted.get(name);
    if (id !== undefined) data[to] = id;
  }
  for (const [to, value] of Object.entries(overrides)) data[to] = value;
  return data;
}
