import { LeadforgeError } from '../errors/types.js';

const DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * Milliseconds of an ISO 8601 duration in days, hours and minutes (`P3D`, `PT24H`, `P1DT2H30M`),
 * as the package's `durationSchema` accepts. A day counts 24 hours.
 */
export function parseDurationMs(duration: string): number {
  const match = DURATION.exec(duration);
  if (!match) throw new LeadforgeError('INVALID', `"${duration}" is not a duration such as "PT2H" or "P3D"`);
  const [days, hours, minutes] = [match[1], match[2], match[3]].map((v) => Number(v ?? 0)) as [number, number, number];
  return ((days * 24 + hours) * 60 + minutes) * 60_000;
}
