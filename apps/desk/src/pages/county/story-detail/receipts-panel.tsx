import { App, Button, Form, Input, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { RichTextEditorProps } from '../../../components/rich-text-editor';
import { useShowError } from '../../../hooks/use-api-error';
import { useApiForm } from '../../../hooks/use-api-form';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { countyFieldLabels, storyPageTexts } from '../../../locales/zh-CN/county';
import { correctStory, storyDeliveries, withdrawStory } from '../../../services/county';
import type { CountyStory, DeliveryHolder, StoryDeliveries } from '../../../services/county-types';

const RichTextEditor = lazy(() => import('../../../components/rich-text-editor'));
const T = storyPageTexts.receipts;
const RECEIPT_COLORS: Record<string, string> = { confirmed: 'success', pending: 'processing', none: 'default' };

function BodyField(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <RichTextEditor {...props} />
    </Suspense>
  );
}

interface CorrectionValues {
  title: string;
  summary?: string;
  body: string;
  note: string;
}

/**
 * 更正 and 撤稿 of a story that left the county, and the receipt of every copy: which centers
 * confirmed the latest version or takedown, which are still pending. `refreshKey` changes when the
 * live feed says something happened to the story.
 */
export function ReceiptsPanel({ story, refreshKey, onChange }: { story: CountyStory; refreshKey: number; onChange: (s: CountyStory) => void }) {
  const me = useMe();
  const access = useAccess();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [deliveries, setDeliveries] = useState<StoryDeliveries | null>(null);
  const [tick, setTick] = useState(0);
  const [correcting, setCorrecting] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const correction = useApiForm<CorrectionValues>({ labels: countyFieldLabels });
  const withdrawal = useApiForm<{ reason: string }>({ labels: countyFieldLabels });

  useEffect(() => {
    const ctrl = new AbortController();
    storyDeliveries(me.center, story.id, ctrl.signal).then(setDeliveries).catch(showError);
    return () => ctrl.abort();
  }, [me.center, story.id, story.version, refreshKey, tick, showError]);

  // Receipts arrive over the bus, not the live feed: while any copy is pending, look again every few seconds.
  const pending = deliveries?.pending.length ?? 0;
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => setTick((k) => k + 1), 3000);
    return () => clearTimeout(t);
  }, [pending, deliveries]);

  // A correction changes a story the hub already accepted; a withdrawal reaches wherever it went.
  const mayCorrect = access.can('story.correct') && story.status === 'accepted' && !story.withdrawnAt;
  const mayWithdraw = access.can('story.withdraw') && !story.withdrawnAt && story.status !== 'draft';

  const openCorrection = () => {
    correction.form.setFieldsValue({ title: story.title, summary: story.summary ?? '', body: story.body, note: '' });
    setCorrecting(true);
  };
  const sendCorrection = () =>
    correction.submit(async (v) => {
      const s = await correctStory(me.center, story.id, { title: v.title ?? '', summary: v.summary || null, body: v.body ?? '', note: v.note ?? '' });
      setCorrecting(false);
      void message.success(T.corrected);
      onChange(s);
      setTick((t) => t + 1);
    });
  const sendWithdrawal = () =>
    withdrawal.submit(async (v) => {
      const ok = await modal.confirm({
        title: T.withdrawTitle,
        content: T.withdrawConfirm,
        okText: T.withdraw,
        okButtonProps: { danger: true },
        cancelText: commonTexts.cancel,
      });
      if (!ok) return;
      const s = await withdrawStory(me.center, story.id, v.reason ?? '');
      setWithdrawing(false);
      void message.success(T.withdrawnOk);
      onChange(s);
      setTick((t) => t + 1);
    });

  const holders = deliveries?.holders ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        {mayCorrect && (
          <Button type="primary" onClick={openCorrection} data-testid="story-correct">
            {T.correct}
          </Button>
        )}
        {mayWithdraw && (
          <Button danger onClick={() => setWithdrawing(true)} data-testid="story-withdraw">
            {T.withdraw}
          </Button>
        )}
        <Button onClick={() => setTick((t) => t + 1)}>{commonTexts.refresh}</Button>
      </Space>
      {deliveries && holders.length > 0 && (
        <Typography.Text data-testid="receipts-summary">{T.summary(deliveries.confirmed.length, deliveries.pending.length)}</Typography.Text>
      )}
      <Table<DeliveryHolder>
        data-testid="receipts-table"
        rowKey={(h) => `${h.holder}-${h.kind}-${h.version}`}
        size="small"
        pagination={false}
        loading={!deliveries}
        dataSource={holders}
        locale={{ emptyText: T.empty }}
        columns={[
          { title: T.holder, dataIndex: 'holderName' },
          { title: T.kind, dataIndex: 'kind', width: 90, render: (k: string) => T.kinds[k] ?? k },
          { title: T.version, dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: T.sentAt, dataIndex: 'sentAt', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm:ss') },
          { title: T.receipt, dataIndex: 'receiptLabel', width: 100, render: (l: string, h) => <Tag color={RECEIPT_COLORS[h.receiptStatus]}>{l}</Tag> },
          { title: T.receiptAt, dataIndex: 'receiptAt', width: 150, render: (d: string | null) => (d ? dayjs(d).format('MM-DD HH:mm:ss') : '—') },
        ]}
      />
      <Modal
        open={correcting}
        width={860}
        title={T.correctTitle}
        onOk={() => void sendCorrection()}
        confirmLoading={correction.submitting}
        onCancel={() => setCorrecting(false)}
        okText={T.correct}
        cancelText={commonTexts.cancel}
        destroyOnHidden
      >
        <Form form={correction.form} layout="vertical" name="correction">
          <Form.Item name="note" label={T.correctNote}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="correction-note" />
          </Form.Item>
          <Form.Item name="title" label={countyFieldLabels.title}>
            <Input data-testid="correction-title" />
          </Form.Item>
          <Form.Item name="summary" label={countyFieldLabels.summary}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="body" label={countyFieldLabels.body}>
            <BodyField />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={withdrawing}
        title={T.withdrawTitle}
        onOk={() => void sendWithdrawal()}
        confirmLoading={withdrawal.submitting}
        onCancel={() => setWithdrawing(false)}
        okText={T.withdraw}
        okButtonProps={{ danger: true }}
        cancelText={commonTexts.cancel}
        destroyOnHidden
      >
        <Form form={withdrawal.form} layout="vertical" name="withdrawal">
          <Form.Item name="reason" label={T.withdrawReason}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
