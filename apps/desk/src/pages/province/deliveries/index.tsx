import { AlertOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, takedownTexts } from '../../../locales/zh-CN';
import { deliveryTexts } from '../../../locales/zh-CN/province';
import { checkOverdue, listDeliveries, type Delivery } from '../../../services/province';

/** As the server's default RECEIPT_ALERT_AFTER_MS: a receipt not back within it is shown as overdue (the overdue check flags them too). */
const OVERDUE_AFTER_MS = 10 * 60 * 1000;
const LIMIT = 200;

/** 送达台账: corrections and takedowns this center sent and which holders have not confirmed them yet. */
export default function DeliveriesPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const [scope, setScope] = useState<'pending' | 'all'>('pending');
  const [items, setItems] = useState<Delivery[]>([]);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const [overdue, setOverdue] = useState<Set<string>>(new Set());

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listDeliveries(me.center, { status: scope === 'pending' ? 'pending' : undefined, limit: LIMIT }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [me.center, scope, tick, showError]);

  const check = async () => {
    try {
      const r = await checkOverdue(me.center);
      setOverdue(new Set(r.overdue.map((o) => `${o.storyId}|${o.holder}|${o.version}|${o.kind}`)));
      void message.info(deliveryTexts.overdueFound(r.overdue.length));
    } catch (e) {
      showError(e);
    }
  };
  const isOverdue = (d: Delivery) =>
    d.receiptStatus === 'pending' && (overdue.has(`${d.storyId}|${d.holder}|${d.version}|${d.kind}`) || Date.now() - Date.parse(d.sentAt) > OVERDUE_AFTER_MS);

  return (
    <Card
      title={deliveryTexts.title}
      extra={
        <Space>
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'pending' | 'all')}
            options={[
              { value: 'pending', label: deliveryTexts.pending },
              { value: 'all', label: deliveryTexts.all },
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            {commonTexts.refresh}
          </Button>
          {access.can('deliveries.overdueCheck') && (
            <Button icon={<AlertOutlined />} onClick={check}>
              {deliveryTexts.overdueCheck}
            </Button>
          )}
        </Space>
      }
    >
      <div data-testid="deliveries-table">
        <Table<Delivery>
          rowKey={(d) => `${d.storyId}|${d.holder}|${d.version}|${d.kind}`}
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: commonTexts.empty }}
          columns={[
            {
              title: deliveryTexts.story,
              dataIndex: 'storyId',
              render: (id: string) => (
                <Typography.Text code copyable>
                  {id.slice(0, 8)}
                </Typography.Text>
              ),
            },
            {
              title: deliveryTexts.holder,
              dataIndex: 'holderName',
              width: 160,
              render: (n: string, d) => (d.request === 'channels' ? takedownTexts.ownChannels(n) : n),
            },
            { title: deliveryTexts.kind, dataIndex: 'kind', width: 90, render: (k: string) => deliveryTexts.kinds[k] ?? k },
            { title: deliveryTexts.version, dataIndex: 'version', width: 70 },
            { title: deliveryTexts.sentAt, dataIndex: 'sentAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            {
              title: deliveryTexts.receipt,
              key: 'receipt',
              width: 160,
              render: (_: unknown, d) => (
                <Space size={4}>
                  <Tag color={d.receiptStatus === 'confirmed' ? 'green' : d.receiptStatus === 'pending' ? 'gold' : 'default'}>{d.receiptLabel}</Tag>
                  {isOverdue(d) && <Tag color="red">{deliveryTexts.overdue}</Tag>}
                </Space>
              ),
            },
            {
              title: deliveryTexts.receiptAt,
              dataIndex: 'receiptAt',
              width: 150,
              render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '—'),
            },
          ]}
        />
      </div>
    </Card>
  );
}
