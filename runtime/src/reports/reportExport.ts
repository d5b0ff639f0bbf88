import writeXlsxFile from 'write-excel-file/node';
import type { ReportResult, ResultRow } from '../../../engine/src/reports/types.js';
import { csvLine } from '../records/csv.js';
import { labelText } from './reportDefinitions.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A finished export: bytes, their media type and a file name. */
export interface ReportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

type Cell = string | number | null;

/** Text a spreadsheet would run as a formula (= + - @, tab, CR first) is kept as text with a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const PREVIOUS: Readonly<Record<string, string>> = { en: 'previous period', 'zh-CN': '上期' };

function rowKey(row: ResultRow): string {
  return JSON.stringify(row.keys);
}

/** The result as a table: one header row of labels in `locale`, then one row per group (previous period beside it). */
export function reportTable(result: ReportResult, locale: string): Cell[][] {
  const measures = result.measures.map((m) => labelText(m.label, locale, m.id));
  const previousLabel = PREVIOUS[locale] ?? PREVIOUS['en']!;
  const header: Cell[] = [
    ...result.dimensions.map((d) => labelText(d.label, locale, d.id)),
    ...measures,
    ...(result.previous ? measures.map((m) => `${m} (${previousLabel})`) : []),
  ];
  const previous = new Map(result.previous?.rows.map((r) => [rowKey(r), r]) ?? []);
  const body = result.rows.map((row): Cell[] => [
    ...row.labels,
    ...row.values,
    ...(result.previous ? result.measures.map((_m, i) => previous.get(rowKey(row))?.values[i] ?? null) : []),
  ]);
  return [header, ...body].map((cells) => cells.map((c) => (typeof c === 'string' ? neutralised(c) : c)));
}

/** UTF-8 with a byte-order mark, so spreadsheet programs read non-ASCII labels right. */
function csvOf(table: Cell[][]): Buffer {
  return Buffer.from(`\ufeff${table.map((row) => csvLine(row)).join('')}`, 'utf8');
}

async function xlsxOf(table: Cell[][], sheet: string): Promise<Buffer> {
  const data = table.map((row) =>
    row.map((c) =>
      c === null ? null : typeof c === 'number' ? { value: c, type: Number } : { value: c, type: String },
    ),
  );
  return (await writeXlsxFile(data, { sheet }).toBuffer()) as Buffer;
}

/** Writes a report's result as CSV or XLSX; `name` becomes the file name (`<name>-<date>.<format>`). */
export async function reportFile(
  result: ReportResult,
  options: { readonly format: ExportFormat; readonly locale: string; readonly name: string; readonly date: Date },
): Promise<ReportFile> {
  const table = reportTable(result, options.locale);
  const filename = `${options.name}-${options.date.toISOString().slice(0, 10)}.${options.format}`;
  if (options.format === 'csv') return { filename, contentType: 'text/csv; charset=utf-8', content: csvOf(table) };
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: await xlsxOf(table, options.name.slice(0, 31)),
  };
}
