import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, InputNumber, Skeleton, Space, Statistic, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { statisticsTexts as T } from '../../../locales/zh-CN/province';
import {
  downloadMonthlyCsv,
  getWeights,
  monthlyStatistics,
  setWeights,
  statisticsLedger,
  type Figures,
  type LedgerEntry,
  type MonthlyReport,
  type PointsWeights,
} from '../../../services/province';
import { currentChinaMonth } from './china-month';

// ECharts is big: its own chunk, loaded only when the statistics page draws its charts.
const StatisticsCharts = lazy(() => import('./statistics-charts'));

const FIGURE_COLUMNS: { key: keyof Figures; title: string }[] = [
  { key: 'submitted', title: T.submitted },
  { key: 'accepted', title: T.accepted },
  { key: 'rejected', title: T.rejected },
  { key: 'adoptedCity', title: T.adoptedCity },
  { key: 'adoptedProvince', title: T.adoptedProvince },
  { key: 'republished', title: T.republished },
  { key: 'topicsAnswered', title: T.topicsAnswered },
];
const figureColumns = FIGURE_COLUMNS.map((c) => ({ title: c.title, dataIndex: c.key, width: 80, align: 'right' as const }));

/** 统计考核: the month's figures per center and per author, charts, CSV export, the ledger they come from, and the points weights. */
export default function StatisticsPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const [month, setMonth] = useState<Dayjs>(() => currentChinaMonth());
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [ledger, setLedger] = useState<LedgerEntry[] | null>(null);
  const [tab, setTab] = useState('centers');
  const [tick, setTick] = useState(0);
  const m = month.format('YYYY-MM');

  useEffect(() => {
    const ctrl = new AbortController();
    setReport(null);
    monthlyStatistics(me.center, m, ctrl.signal).then(setReport).catch(showError);
    return () => ctrl.abort();
  }, [me.center, m, tick, showError]);

  useEffect(() => {
    if (tab !== 'ledger') return;
    const ctrl = new AbortController();
    setLedger(null);
    statisticsLedger(me.center, m, ctrl.signal)
      .then((r) => setLedger(r.items))
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, m, tab, showError]);

  const csv = (scope: 'centers' | 'authors') => downloadMonthlyCsv(me.center, m, scope).catch(showError);

  return (
    <Card
      title={T.title}
      extra={
        <Space>
          <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} aria-label={T.month} />
          {access.can('statistics.monthlyCsv') && (
            <>
              <Button icon={<DownloadOutlined />} onClick={() => csv('centers')}>
                {T.exportCenters}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => csv('authors')}>
                {T.exportAuthors}
              </Button>
            </>
          )}
        </Space>
      }
    >
      {!report ? (
        <Skeleton active />
      ) : (
        <>
          <Space size="large" wrap style={{ marginBottom: 16 }} data-testid="statistics-totals">
            {FIGURE_COLUMNS.map((c) => (
              <Statistic key={c.key} title={c.title} value={report.totals[c.key]} />
            ))}
            <Statistic title={`${T.totals}${T.points}`} value={report.totals.points} />
          </Space>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'centers',
                label: T.centers,
                children: (
                  <Table
                    rowKey="code"
                    size="small"
                    dataSource={report.centers}
                    pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                    locale={{ emptyText: commonTexts.empty }}
                    columns={[
                      { title: T.rank, dataIndex: 'rank', width: 60 },
                      { title: T.name, dataIndex: 'name' },
                      { title: T.level, dataIndex: 'level', width: 70, render: (l: string) => T.levels[l] ?? l },
                      ...figureColumns,
                      { title: T.points, dataIndex: 'points', width: 80, align: 'right' as const, render: (p: number) => <b>{p}</b> },
                    ]}
                  />
                ),
              },
              {
                key: 'authors',
                label: T.authors,
                children: (
                  <Table
                    rowKey={(a) => `${a.center.code}|${a.name}`}
                    size="small"
                    dataSource={report.authors}
                    pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                    locale={{ emptyText: commonTexts.empty }}
                    columns={[
                      { title: T.rank, dataIndex: 'rank', width: 60 },
                      { title: T.author, dataIndex: 'name' },
                      { title: T.center, key: 'center', render: (_: unknown, a) => a.center.name },
                      ...figureColumns,
                      { title: T.points, dataIndex: 'points', width: 80, align: 'right' as const, render: (p: number) => <b>{p}</b> },
                    ]}
                  />
                ),
              },
              {
                key: 'charts',
                label: T.charts,
                children: (
                  <Suspense fallback={<Skeleton active />}>
                    <StatisticsCharts centers={report.centers} />
                  </Suspense>
                ),
              },
              {
                key: 'ledger',
                label: T.ledger,
                children: (
                  <Table<LedgerEntry>
                    rowKey="entryId"
                    size="small"
                    loading={!ledger}
                    dataSource={ledger ?? []}
                    pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                    locale={{ emptyText: commonTexts.empty }}
                    columns={[
                      { title: T.occurredAt, dataIndex: 'occurredAt', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm') },
                      { title: T.kind, dataIndex: 'kind', width: 90, render: (k: string) => <Tag>{T.kinds[k] ?? k}</Tag> },
                      { title: T.story, dataIndex: 'storyId', render: (id: string) => id.slice(0, 8) },
                      { title: T.level, dataIndex: 'level', width: 70, render: (l: string | null) => (l ? (T.levels[l] ?? l) : '—') },
                      { title: T.channel, dataIndex: 'channel', width: 100, render: (c: string | null) => c ?? '—' },
                      { title: T.author, dataIndex: 'authors', render: (a: string[]) => a.join('、') },
                      { title: T.actor, dataIndex: 'actorCode', width: 90 },
                    ]}
                  />
                ),
              },
              { key: 'weights', label: T.weights, children: <WeightsForm onSaved={() => setTick((t) => t + 1)} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 积分设置: everyone here reads the weights; only an admin may change them (the month is recomputed). */
function WeightsForm({ onSaved }: { onSaved(): void }) {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const labels = { province: T.weightProvince, city: T.weightCity, republish: T.weightRepublish };
  const { form, submitting, submit } = useApiForm<PointsWeights>({ labels });
  const editable = access.can('statistics.setWeights');

  useEffect(() => {
    const ctrl = new AbortController();
    getWeights(me.center, ctrl.signal)
      .then((w) => form.setFieldsValue({ province: w.province, city: w.city, republish: w.republish }))
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, form, showError]);

  const save = async () => {
    const r = await submit((v) => setWeights(me.center, v));
    if (!r) return;
    void message.success(T.weightsSaved);
    onSaved();
  };

  return (
    <Form form={form} layout="inline" name="weights" disabled={!editable}>
      {(Object.keys(labels) as (keyof PointsWeights)[]).map((k) => (
        <Form.Item key={k} name={k} label={labels[k]}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
      ))}
      {editable && (
        <Form.Item>
          <Button type="primary" loading={submitting} onClick={save}>
            {commonTexts.save}
          </Button>
        </Form.Item>
      )}
    </Form>
  );
}
