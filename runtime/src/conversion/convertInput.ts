import { LeadforgeError, type Problem } from '@leadforge/engine';
import type { ConversionDefinition } from '../../../engine/src/conversion/index.js';
import { envelopeOrThrow, isPlainObject } from '../records/recordInput.js';

/** A convert request: which optional targets to create, and values that override the mapping. */
export interface ConvertRequest {
  readonly include: ReadonlySet<string>;
  readonly overrides: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** `{ include?: [targetId], data?: { targetId: { field: value } } }`, checked against the conversion. */
export function convertRequestOrThrow(body: unknown, conversion: ConversionDefinition): ConvertRequest {
  const value = body ?? {};
  envelopeOrThrow(value, ['include', 'data']);
  const envelope = value as { include?: unknown; data?: unknown };
  const ids = conversion.targets.map((t) => t.id);
  const problems: Problem[] = [];
  const include = new Set<string>();
  if (envelope.include !== undefined) {
    if (!Array.isArray(envelope.include) || envelope.include.length > ids.length) {
      problems.push({ path: '/include', message: `must be a list of at most ${ids.length} target ids` });
    } else {
      envelope.include.forEach((id, i) => {
        if (typeof id !== 'string' || !ids.includes(id))
          problems.push({ path: `/include/${i}`, message: `must be one of: ${ids.join(', ')}` });
        else include.add(id);
      });
    }
  }
  const overrides: Record<string, Record<string, unknown>> = {};
  if (envelope.data !== undefined) {
    if (!isPlainObject(envelope.data))
      problems.push({ path: '/data', message: 'must be an object keyed by target id' });
    else
      for (const [id, fields] of Object.entries(envelope.data)) {
        if (!ids.includes(id)) problems.push({ path: `/data/${id}`, message: `must be one of: ${ids.join(', ')}` });
        else if (!isPlainObject(fields))
          problems.push({ path: `/data/${id}`, message: 'must be an object of field values' });
        else overrides[id] = fields;
      }
  }
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'the convert request is malformed', problems);
  return { include, overrides };
}
