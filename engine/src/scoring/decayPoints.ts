import type { DatedEvent } from './eventHistory.js';
import type { DecayDefinition, FiredRule } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Points decay takes back from the behaviour lines, as of `now` (0 when none): never more than the
 * behaviour points earned, so fit points do not go stale and decay alone cannot make a score negative.
 */
export function decayPoints(
  decay: DecayDefinition | undefined,
  behaviour: readonly FiredRule[],
  history: readonly DatedEvent[],
  now: number,
): number {
  if (!decay || behaviour.length === 0) return 0;
  let earned = 0;
  for (const line of behaviour) earned += line.points;
  if ('halfLifeDays' in decay) {
    const timeOf = new Map(history.map((item) => [item.event.id, item.time]));
    let kept = 0;
    for (const line of behaviour) {
      const ageDays = (now - (timeOf.get(line.eventId!) ?? now)) / DAY_MS;
      kept += line.points * 0.5 ** (ageDays / decay.halfLifeDays);
    }
    return Math.round(kept) - earned;
  }
  if (earned <= 0) return 0;
  const last = history[history.length - 1]!.time;
  const periods = Math.floor((now - last) / DAY_MS / decay.inactiveDays);
  return Math.max(periods * decay.points, -earned);
}
