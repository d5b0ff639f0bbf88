import { isoTime } from '../plugins/builtin/isoTime.js';
import type { LeadEvent, ScoringError } from './types.js';

export interface DatedEvent {
  readonly event: LeadEvent;
  readonly time: number;
}

/**
 * The history as of `now`: events at or before it, each id once, oldest first (ties by id), so the
 * order the store returned them in never changes a score. Unreadable events are reported, not scored.
 */
export function eventHistory(events: readonly LeadEvent[], now: number, errors: ScoringError[]): DatedEvent[] {
  const dated: DatedEvent[] = [];
  for (const event of events) {
    const time = isoTime(event?.at);
    if (time === null || typeof event.type !== 'string' || typeof event.id !== 'string') {
      errors.push({
        ruleId: 'events',
        message: 'an event needs an id, a type and an ISO `at`',
        eventId: String(event?.id),
      });
      continue;
    }
    if (time <= now) dated.push({ event, time });
  }
  dated.sort((a, b) => a.time - b.time || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  return dated.filter((item, i) => i === 0 || item.event.id !== dated[i - 1]!.event.id);
}
