import { ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { deadLetterTexts as T } from '../../../locales/zh-CN/admin';
import { listDeadLetters, replayDeadLetter, type DeadLetter } from '../../../services/admin';

const LIMIT = 200;

/** 死信: messages this center could not apply, with the reason; replay once the cause is fixed. */
export default function DeadLettersPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const [pending, setPending] = useState(true);
  const [items, setItems] = useState<DeadLetter[]>([]);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listDeadLetters(me.center, { pending, limit: LIMIT }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [me.center, pending, tick, showError]);

  const replay = async (d: DeadLetter) => {
    try {
      await replayDeadLetter(me.center, d.id);
      void message.success(T.replayed);
    } catch (e) {
      showError(e);
    }
    setTick((t) => t + 1);
  };

  return (
    <Card
      title={T.title}
      extra={
        <Space>
          <Switch checked={pending} onChange={setPending} aria-label={T.onlyPending} />
          <Typography.Text>{T.onlyPending}</Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            {commonTexts.refresh}
          </Button>
        </Space>
      }
    >
      <div data-testid="dead-letters-table">
        <Table<DeadLetter>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: commonTexts.empty }}
          columns={[
            { title: T.createdAt, dataIndex: 'createdAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            { title: T.type, dataIndex: 'eventType', width: 170, render: (t: string | null, d) => t ?? d.subject },
            {
              title: T.reason,
              dataIndex: 'reason',
              render: (r: string, d) => (
                <>
                  <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                    {r}
                  </Typography.Paragraph>
                  {d.replayError && (
                    <Typography.Text type="danger">
                      {T.replayError}：{d.replayError}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            { title: T.deliveries, dataIndex: 'deliveryCount', width: 90 },
            {
              title: commonTexts.actions,
              key: 'actions',
              width: 120,
              render: (_: unknown, d) =>
                d.replayedAt ? (
                  <Tag color="green">{T.replayedAt}</Tag>
                ) : (
                  access.can('deadLetters.replay') && (
                    <Popconfirm title={T.replayConfirm} okText={T.replay} cancelText={commonTexts.cancel} onConfirm={() => replay(d)}>
                      <Button size="small" icon={<RedoOutlined />}>
                        {T.replay}
                      </Button>
                    </Popconfirm>
                  )
                ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
