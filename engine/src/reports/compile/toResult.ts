import type { CompiledApp, Label } from '../../compile/types.js';
import type { GenericReportDefinition, PipelineDefinition } from '../../package/schemas/index.js';
import type { MeasureFormat, ReportResult, ReportRunContext, ResultRow } from '../types.js';
import type { CompiledDimension, CompiledMeasure } from './types.js';

export interface ResultShape {
  readonly app: CompiledApp;
  readonly ctx: ReportRunContext;
  readonly definition: GenericReportDefinition;
  readonly dimensions: readonly CompiledDimension[];
  readonly measures: readonly CompiledMeasure[];
  readonly pipeline: PipelineDefinition | undefined;
}

const NONE: Label = { en: '(none)', 'zh-CN': '（空）' };
const YES_NO: Readonly<Record<string, Label>> = {
  true: { en: 'Yes', 'zh-CN': '是' },
  false: { en: 'No', 'zh-CN': '否' },
};

const OP_LABELS: Readonly<Record<string, Label>> = {
  count: { en: 'Count', 'zh-CN': '数量' },
  count_distinct: { en: 'Distinct count', 'zh-CN': '去重数量' },
  sum: { en: 'Sum', 'zh-CN': '合计' },
  avg: { en: 'Average', 'zh-CN': '平均' },
  min: { en: 'Minimum', 'zh-CN': '最小' },
  max: { en: 'Maximum', 'zh-CN': '最大' },
  median: { en: 'Median', 'zh-CN': '中位数' },
  percentile: { en: 'Percentile', 'zh-CN': '百分位' },
  conversion: { en: 'Conversion', 'zh-CN': '转化率' },
  duration: { en: 'Duration', 'zh-CN': '时长' },
  ratio: { en: 'Ratio', 'zh-CN': '比率' },
};

/** The label's text in the run's locale, else the app's default locale, else its first text. */
export function labelIn(label: Label | undefined, locale: string, fallbackLocale: string, fallback: string): string {
  if (!label) return fallback;
  return label[locale] ?? label[fallbackLocale] ?? Object.values(label)[0] ?? fallback;
}

function bucketLabel(key: string, bucket: string): string {
  if (bucket === 'month') return key.slice(0, 7);
  if (bucket === 'year') return key.slice(0, 4);
  if (bucket === 'quarter') return `${key.slice(0, 4)} Q${Math.floor((Number(key.slice(5, 7)) - 1) / 3) + 1}`;
  return key;
}

function measureFormat(m: CompiledMeasure): MeasureFormat {
  switch (m.definition.op) {
    case 'conversion':
    case 'ratio':
      return 'percent';
    case 'duration':
      return 'duration';
    case 'count':
    case 'count_distinct':
      return 'number';
    default:
      return m.currency ? 'currency' : 'number';
  }
}

function numberOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function keyOf(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Turns the driver's rows (`d0…`, `l0…`, `m0…`) into a ReportResult with labels in the run's locale. */
export function reportResult(
  shape: ResultShape,
  current: readonly Record<string, unknown>[],
  previous?: readonly Record<string, unknown>[],
): ReportResult {
  const { app, ctx, definition } = shape;
  const text = (label: Label | undefined, fallback: string) => labelIn(label, ctx.locale, app.defaultLocale, fallback);
  const stageLabels = new Map((shape.pipeline?.stages ?? []).map((s) => [s.id, s.label as Label]));

  const label = (i: number, key: string | number | null, row: Record<string, unknown>): string => {
    const d = shape.dimensions[i] as CompiledDimension;
    if (key === null) return text(NONE, '(none)');
    const k = String(key);
    if (d.bucket !== undefined) return bucketLabel(k, d.bucket);
    if (d.field.kind === 'user' || d.field.kind === 'team') {
      const name = row[`l${i}`];
      return typeof name === 'string' ? name : k;
    }
    const option = d.field.options?.find((o) => o.value === k);
    if (option) return text(option.label, k);
    if (d.field.kind === 'boolean') return text(YES_NO[k], k);
    if (d.field.name.endsWith('stage') && stageLabels.has(k)) return text(stageLabels.get(k), k);
    return k;
  };

  const rows = (list: readonly Record<string, unknown>[]): ResultRow[] =>
    list.map((row) => {
      const keys = shape.dimensions.map((_, i) => keyOf(row[`d${i}`]));
      return {
        keys,
        labels: keys.map((k, i) => label(i, k, row)),
        values: shape.measures.map((_, i) => numberOf(row[`m${i}`])),
      };
    });

  return {
    dimensions: shape.dimensions.map((d, i) => ({
      id: definition.dimensions?.[i]?.field ?? d.field.name,
      label: definition.dimensions?.[i]?.label ?? d.field.label,
    })),
    measures: shape.measures.map((m) => ({
      id: m.definition.id,
      label: m.definition.label ?? OP_LABELS[m.definition.op] ?? { en: m.definition.id },
      format: measureFormat(m),
    })),
    rows: rows(current),
    ...(previous ? { previous: { rows: rows(previous) } } : {}),
  };
}
