// validatePackage on a package with 200 distinct mistakes (twenty objects × ten), median of
// several warm runs after one cold run that also builds the schema validators. Goal < 1000 ms.
// Last line: `validate ms=<n>`.
import { validatePackage } from '@leadforge/engine';
import { manyMistakesPackage } from '../test/package/manyMistakesPackage.js';

const RUNS = 9;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(): Promise<void> {
  const { pkg, expected } = manyMistakesPackage();
  const coldStart = performance.now();
  const found = validatePackage(pkg).length;
  const cold = performance.now() - coldStart;
  if (found !== expected.length) throw new Error(`expected ${expected.length} problems, found ${found}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    validatePackage(pkg);
    times.push(performance.now() - start);
  }
  console.log(`problems=${found} cold ms=${cold.toFixed(1)} (builds the schema validators once per process)`);
  console.log(`validate ms=${median(times).toFixed(2)}`);
}
