import type { ConversionDefinition, ConversionTarget } from '../package/schemas/index.js';

export type { ConversionDefinition, ConversionTarget };

/** The record being converted, as the plan reads it. */
export interface ConversionSource {
  readonly object: string;
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Target id → the record id it came to (created or reused), filled in target order. */
export type ConvertedIds = ReadonlyMap<string, string>;
