import { EditOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { StatusTag } from '../../components/status-tag';
import { useShowError } from '../../hooks/use-api-error';
import { useAccess, useMe } from '../../hooks/use-session';
import { commonTexts, storyStatusOptions, storyTexts } from '../../locales/zh-CN';
import { listStories, submitStory } from '../../services/stories';
import type { Story } from '../../services/types';

const PAGE_SIZE = 20;
const EDITABLE = new Set(['draft', 'returned']);

/** 稿件: this center's stories, newest first, paged by the server's cursor. */
export default function StoriesPage() {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>();
  // cursors[i] is the cursor that fetches page i; page 0 needs none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [items, setItems] = useState<Story[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  const load = useCallback(
    (signal: AbortSignal) => {
      setLoading(true);
      listStories(me.center, { status, cursor: cursors[pageIndex], limit: PAGE_SIZE }, signal)
        .then((p) => {
          setItems(p.items);
          setNextCursor(p.nextCursor);
        })
        .catch(showError)
        .finally(() => !signal.aborted && setLoading(false));
    },
    [me.center, status, cursors, pageIndex, showError],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal);
    return () => ctrl.abort();
  }, [load, tick]);

  const goNext = () => {
    if (!nextCursor) return;
    setCursors((c) => [...c.slice(0, pageIndex + 1), nextCursor]);
    setPageIndex((i) => i + 1);
  };
  const submit = async (s: Story) => {
    try {
      await submitStory(me.center, s.id);
      void message.success(storyTexts.submitted);
      setTick((t) => t + 1);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={storyTexts.listTitle}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={storyTexts.allStatuses}
            style={{ width: 160 }}
            options={storyStatusOptions}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setCursors([undefined]);
              setPageIndex(0);
            }}
            aria-label={storyTexts.filterStatus}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            {commonTexts.refresh}
          </Button>
          {access.canWriteStory && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/stories/new')}>
              {storyTexts.newStory}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Story>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          { title: storyTexts.title, dataIndex: 'title', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
          { title: storyTexts.status, dataIndex: 'status', width: 150, render: (_: string, s) => <StatusTag status={s.status} label={s.statusLabel} withdrawn={!!s.withdrawnAt} /> },
          { title: storyTexts.byline, dataIndex: 'byline', width: 140 },
          { title: storyTexts.category, dataIndex: 'category', width: 100 },
          { title: storyTexts.updatedAt, dataIndex: 'updatedAt', width: 170, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 180,
            render: (_: unknown, s) => {
              const editable = EDITABLE.has(s.status) && !s.withdrawnAt;
              return (
                <Space>
                  {access.canWriteStory && editable && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/stories/${s.id}/edit`)}>
                      {commonTexts.edit}
                    </Button>
                  )}
                  {access.canSubmitStory && editable && (
                    <Popconfirm title={storyTexts.submitConfirm} onConfirm={() => submit(s)} okText={storyTexts.submit} cancelText={commonTexts.cancel}>
                      <Button size="small" type="primary" icon={<SendOutlined />}>
                        {storyTexts.submit}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
        <Button disabled={pageIndex === 0} onClick={() => setPageIndex((i) => i - 1)}>
          {storyTexts.prevPage}
        </Button>
        <Button disabled={!nextCursor} onClick={goNext}>
          {storyTexts.nextPage}
        </Button>
      </Space>
    </Card>
  );
}
