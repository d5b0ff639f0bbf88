import type { PackageProblem } from './types.js';

function compareSegments(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePointers(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = compareSegments(sa[i]!, sb[i]!);
    if (c !== 0) return c;
  }
  return sa.length - sb.length;
}

/** Orders problems by file, then pointer (array indexes numerically: /fields/2 before /fields/10), then message. */
export function compareProblems(a: PackageProblem, b: PackageProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const byPointer = comparePointers(a.pointer, b.pointer);
  if (byPointer !== 0) return byPointer;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
