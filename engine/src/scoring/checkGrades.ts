import { isPlainObject } from '../filter/isPlainObject.js';
import type { RuleProblem } from '../rules/types.js';
import type { GradeBand } from './types.js';

/**
 * Grade bands, high → low with distinct names; MQL bands are the top ones, so one threshold describes
 * them. Returns the bands and the MQL threshold (explicit, or the lowest MQL band's min, or null).
 */
export function checkGrades(
  grades: unknown,
  mqlThreshold: unknown,
  problems: RuleProblem[],
): { grades: GradeBand[]; mqlThreshold: number | null } {
  const bands: GradeBand[] = [];
  if (!Array.isArray(grades) || grades.length === 0) {
    problems.push({ pointer: '/grades', message: 'must be a non-empty list of { min, grade, mql? }' });
    return { grades: bands, mqlThreshold: null };
  }
  const names = new Set<string>();
  let lowestMql: number | null = null;
  let mqlEnded = false;
  grades.forEach((band: unknown, i) => {
    const at = `/grades/${i}`;
    if (!isPlainObject(band)) {
      problems.push({ pointer: at, message: 'must be an object { min, grade, mql? }' });
      return;
    }
    const { min, grade, mql } = band;
    if (typeof min !== 'number' || !Number.isFinite(min))
      problems.push({ pointer: `${at}/min`, message: 'must be a number' });
    if (typeof grade !== 'string' || grade === '')
      problems.push({ pointer: `${at}/grade`, message: 'must be a non-empty name' });
    else if (names.has(grade)) problems.push({ pointer: `${at}/grade`, message: `grade "${grade}" is listed twice` });
    else names.add(grade);
    if (mql !== undefined && typeof mql !== 'boolean')
      problems.push({ pointer: `${at}/mql`, message: 'must be true or false' });
    const previous = bands[bands.length - 1];
    if (typeof min === 'number' && previous && min >= previous.min) {
      problems.push({
        pointer: `${at}/min`,
        message: `grades go from the highest min to the lowest: ${min} must be below ${previous.min}`,
      });
    }
    if (mql === true && mqlEnded) {
      problems.push({
        pointer: `${at}/mql`,
        message: 'MQL grades must be the top ones (a higher grade is not an MQL)',
      });
    }
    if (mql === true) lowestMql = min as number;
    else mqlEnded = true;
    if (typeof min === 'number' && typeof grade === 'string')
      bands.push({ min, grade, ...(mql === true ? { mql } : {}) });
  });
  if (mqlThreshold === undefined) return { grades: bands, mqlThreshold: lowestMql };
  if (typeof mqlThreshold !== 'number' || !Number.isFinite(mqlThreshold)) {
    problems.push({ pointer: '/mqlThreshold', message: 'must be a number' });
  } else if (lowestMql !== null && lowestMql !== mqlThreshold) {
    problems.push({
      pointer: '/mqlThreshold',
      message: `disagrees with the grades: the lowest MQL grade starts at ${lowestMql}; drop one of the two`,
    });
  }
  return { grades: bands, mqlThreshold: typeof mqlThreshold === 'number' ? mqlThreshold : null };
}
