import type { CompiledApp } from '@leadforge/engine';

/** The time zone an app counts days in (reports, `$within` in list filters): its first business calendar's zone, else UTC. */
export function appTimeZone(app: CompiledApp): string {
  const calendars = (app.files['app.json'] as { calendars?: Record<string, { timeZone?: string }> } | undefined)
    ?.calendars;
  const first = calendars ? Object.values(calendars)[0] : undefined;
  return first?.timeZone ?? 'UTC';
}
