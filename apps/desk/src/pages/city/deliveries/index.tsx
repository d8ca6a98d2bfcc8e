import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useMe } from '../../../hooks/use-session';
import { commonTexts, deliveryTexts, takedownTexts } from '../../../locales/zh-CN';
import { listDeliveries, type Delivery } from '../../../services/deliveries';

const RECEIPT_COLORS: Record<string, string> = { confirmed: 'success', pending: 'warning', none: 'default' };

/** 送达台账: what this center sent down or up (stories, corrections, takedowns) and whose receipt is still pending. */
export default function DeliveriesPage() {
  const me = useMe();
  const showError = useShowError();
  const [pendingOnly, setPendingOnly] = useState(false);
  const [items, setItems] = useState<Delivery[]>([]);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listDeliveries(me.center, { status: pendingOnly ? 'pending' : undefined, limit: 200 }, ctrl.signal)
      .then((p) => setItems(p.items))
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [me.center, pendingOnly, tick, showError]);

  return (
    <Card
      title={deliveryTexts.title}
      extra={
        <Space>
          <Switch checked={pendingOnly} onChange={setPendingOnly} aria-label={deliveryTexts.pendingOnly} />
          <span>{deliveryTexts.pendingOnly}</span>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            {commonTexts.refresh}
          </Button>
        </Space>
      }
    >
      <Table<Delivery>
        data-testid="deliveries-table"
        rowKey={(d) => `${d.storyId}-${d.holder}-${d.kind}-${d.version}`}
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          {
            title: deliveryTexts.story,
            dataIndex: 'storyId',
            render: (id: string) => (
              <Typography.Text code copyable={{ text: id }}>
                {id.slice(0, 8)}
              </Typography.Text>
            ),
          },
          {
            title: deliveryTexts.holder,
            dataIndex: 'holderName',
            width: 130,
            render: (n: string, d) => (d.request === 'channels' ? takedownTexts.ownChannels(n) : n),
          },
          { title: deliveryTexts.kind, dataIndex: 'kind', width: 80, render: (k: string) => deliveryTexts.kinds[k] ?? k },
          { title: deliveryTexts.version, dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          {
            title: deliveryTexts.receipt,
            dataIndex: 'receiptLabel',
            width: 110,
            render: (l: string, d) => <Tag color={RECEIPT_COLORS[d.receiptStatus]}>{l}</Tag>,
          },
          { title: deliveryTexts.sentAt, dataIndex: 'sentAt', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm:ss') },
          { title: deliveryTexts.receiptAt, dataIndex: 'receiptAt', width: 150, render: (d: string | null) => (d ? dayjs(d).format('MM-DD HH:mm:ss') : '—') },
        ]}
      />
    </Card>
  );
}
