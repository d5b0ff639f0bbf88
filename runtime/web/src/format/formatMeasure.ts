import type { MeasureFormat } from '../api/dashboardTypes.js';

/** A report number as a reader expects it: grouped digits, percentages as %, durations (days) to one decimal. */
export function formatMeasure(value: number | null | undefined, format: MeasureFormat | undefined, locale: string) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (format) {
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'duration':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case 'currency':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    default:
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}
