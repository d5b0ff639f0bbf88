import { useEffect, useRef } from 'react';
import type { ChartOption } from '../api/dashboardTypes.js';
import type { ClickedPoint } from '../charts/drillPoint.js';
import { echarts } from '../charts/echarts.js';

export interface EChartProps {
  readonly option: ChartOption;
  /** Text for screen readers: a canvas says nothing by itself. */
  readonly label: string;
  readonly onPoint?: ((point: ClickedPoint) => void) | undefined;
}

/** One echarts instance on a canvas, resized with its box, disposed with the component. */
export function EChart({ option, label, onPoint }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pointHandler = useRef(onPoint);
  pointHandler.current = onPoint;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) =>
      pointHandler.current?.({ seriesIndex: params.seriesIndex, dataIndex: params.dataIndex }),
    );
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, true);
  }, [option]);

  return <div ref={box} className={onPoint ? 'chart drillable' : 'chart'} role="img" aria-label={label} />;
}
