// Compiled report vs hand-written SQL, the way bench/reports.ts and bench/reportsGeneric.ts measure it:
// same numbers first (else the bench fails), then alternating timed runs, medians and their ratio.

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timedMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Rows as comparable text: numbers to 6 significant digits. */
function normalised(rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v === undefined ? null : v);
  return JSON.stringify(rows.map((r) => r.map(cell)));
}

export interface QueryPair {
  readonly bench: string;
  readonly name: string;
  readonly runs: number;
  readonly compiled: () => Promise<readonly (readonly unknown[])[]>;
  readonly hand: () => Promise<readonly (readonly unknown[])[]>;
}

/** Checks both give the same rows, times them alternately, prints the medians and returns compiled / hand. */
export async function compareQueries(pair: QueryPair): Promise<number> {
  const a = normalised(await pair.compiled());
  const b = normalised(await pair.hand());
  if (a !== b)
    throw new Error(`${pair.name}: the compiled and the hand-written queries disagree\ncompiled: ${a}\nhand:     ${b}`);
  const compiledMs: number[] = [];
  const handMs: number[] = [];
  for (let i = 0; i < pair.runs; i++) {
    // alternate, so both see the same cache state on average
    compiledMs.push(await timedMs(pair.compiled));
    handMs.push(await timedMs(pair.hand));
  }
  const ratio = median(compiledMs) / median(handMs);
  console.log(
    `${pair.bench}: ${pair.name}: compiled ${median(compiledMs).toFixed(1)} ms, hand-written ${median(handMs).toFixed(1)} ms (medians of ${pair.runs}), ratio ${ratio.toFixed(3)}`,
  );
  return ratio;
}
