/**
 * Time in the demo: leads arrive over the 365 days before `now`, more of them lately (the
 * cumulative share of leads by time t is x^GROWTH, x the elapsed fraction of the year). Months and
 * dates are China's (UTC+8, no daylight saving), the sample app's time zone.
 */
export const DAY_MS = 86_400_000;
export const SPAN_MS = 365 * DAY_MS;
const GROWTH = 1.3;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** When the lead with uniform draw `u` arrived. */
export function arrivalTime(nowMs: number, u: number): number {
  return nowMs - SPAN_MS + SPAN_MS * u ** (1 / GROWTH);
}

/** The expected share of all leads that arrive in [fromMs, toMs). */
export function arrivalShare(nowMs: number, fromMs: number, toMs: number): number {
  const start = nowMs - SPAN_MS;
  const f = (t: number) => Math.min(1, Math.max(0, (t - start) / SPAN_MS)) ** GROWTH;
  return f(toMs) - f(fromMs);
}

/** `YYYY-MM-DD` in China. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Day of the week in China, 0 = Sunday. */
export function chinaWeekday(ms: number): number {
  return new Date(ms + CHINA_OFFSET_MS).getUTCDay();
}

export interface DemoMonth {
  /** `YYYY-MM-01` */
  readonly month: string;
  /** `YYYY-MM-<last day>` */
  readonly lastDay: string;
  readonly fromMs: number;
  readonly toMs: number;
}

function chinaMonthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1) - CHINA_OFFSET_MS;
}

/** The China calendar months that overlap [from, to]: the first and the last are partial. */
export function monthsBetween(fromMs: number, toMs: number): DemoMonth[] {
  const first = new Date(fromMs + CHINA_OFFSET_MS);
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth();
  const months: DemoMonth[] = [];
  for (;;) {
    const start = chinaMonthStart(y, m);
    if (start > toMs) break;
    const end = chinaMonthStart(m === 11 ? y + 1 : y, (m + 1) % 12);
    months.push({ month: chinaDate(start), lastDay: chinaDate(end - 1), fromMs: start, toMs: end });
    m = (m + 1) % 12;
    if (m === 0) y++;
  }
  return months;
}

/** The demo's months: every China month that overlaps the year before `now`, the current one included. */
export function demoMonths(nowMs: number): DemoMonth[] {
  return monthsBetween(nowMs - SPAN_MS, nowMs);
}

/** A quarter label like `2026q1` for a `YYYY-MM-…` date. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
