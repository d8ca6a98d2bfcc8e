import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { Col, Row, Typography } from 'antd';
import { statisticsTexts as T } from '../../../locales/zh-CN/province';
import type { MonthlyReport } from '../../../services/province';

// Only the pieces drawn here, so the chunk stays small. No animation: the figures show at once (and in screenshots).
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const TOP = 15;

/** Bar charts of the month: points per center, and how its stories travelled (submitted → accepted → adopted). */
export default function StatisticsCharts({ centers }: { centers: MonthlyReport['centers'] }) {
  const top = [...centers].sort((a, b) => b.points - a.points).slice(0, TOP);
  const names = top.map((c) => c.name);
  const axis = { type: 'category' as const, data: names, axisLabel: { interval: 0, rotate: 30 } };
  const points = {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, bottom: 80, top: 24 },
    xAxis: axis,
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: T.points, type: 'bar', data: top.map((c) => c.points), itemStyle: { color: '#1677ff' } }],
  };
  const figures = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, bottom: 80, top: 36 },
    xAxis: axis,
    yAxis: { type: 'value', minInterval: 1 },
    series: (['submitted', 'accepted', 'adoptedCity', 'adoptedProvince', 'republished'] as const).map((k) => ({
      name: T[k],
      type: 'bar',
      data: top.map((c) => c[k]),
    })),
  };
  return (
    <Row gutter={24} data-testid="statistics-charts">
      <Col span={12}>
        <Typography.Title level={5}>{T.chartPoints}</Typography.Title>
        <ReactEChartsCore echarts={echarts} option={points} style={{ height: 340 }} notMerge />
      </Col>
      <Col span={12}>
        <Typography.Title level={5}>{T.chartFigures}</Typography.Title>
        <ReactEChartsCore echarts={echarts} option={figures} style={{ height: 340 }} notMerge />
      </Col>
    </Row>
  );
}
