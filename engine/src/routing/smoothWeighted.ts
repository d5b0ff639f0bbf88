const cache = new Map<string, readonly number[]>();

/**
 * One period of smooth weighted round-robin (nginx's): for weights 2:1:1 → [0, 1, 2, 0]. The
 * n-th lead goes to `sequence[n % sequence.length]`, so any run of whole periods splits exactly
 * by weight and a short run never bunches one user's turns together.
 */
export function smoothWeightedSequence(weights: readonly number[]): readonly number[] {
  const key = weights.join(',');
  const known = cache.get(key);
  if (known) return known;
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const sequence: number[] = [];
  for (let step = 0; step < total; step += 1) {
    let best = 0;
    for (let i = 0; i < weights.length; i += 1) {
      current[i]! += weights[i]!;
      if (current[i]! > current[best]!) best = i;
    }
    current[best]! -= total;
    sequence.push(best);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, sequence);
  return sequence;
}
