import { EditOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { CursorPager } from '../../components/cursor-pager';
import { StatusTag } from '../../components/status-tag';
import { useShowError } from '../../hooks/use-api-error';
import { useCursorPages } from '../../hooks/use-cursor-pages';
import { useAccess, useMe } from '../../hooks/use-session';
import { commonTexts, storyStatusOptions, storyTexts } from '../../locales/zh-CN';
import { startsFresh, useLiveFeed } from '../../hooks/use-live-feed';
import { storyListTexts } from '../../locales/zh-CN/county';
import { listCountyStories } from '../../services/county';
import type { CountyStory } from '../../services/county-types';
import { submitStory } from '../../services/stories';
import { holderText } from '../county/holder-text';

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
  const pages = useCursorPages(
    useCallback(
      (cursor: string | undefined, signal: AbortSignal) => listCountyStories(me.center, { status, cursor, limit: PAGE_SIZE }, signal),
      [me.center, status],
    ),
  );

  // A sign-off, the hub's decision or a withdrawal changes a row: reload the page being looked at; so does
  // the feed's start, which follows the first read and would miss what committed in between.
  useLiveFeed(me.center, (e) => (e.event === 'story.status' || startsFresh(e)) && pages.reload(), { enabled: access.canLiveFeed });

  const submit = async (s: CountyStory) => {
    try {
      await submitStory(me.center, s.id);
      void message.success(storyTexts.submitted);
      pages.reload();
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
            }}
            aria-label={storyTexts.filterStatus}
          />
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
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
      <Table<CountyStory>
        rowKey="id"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        scroll={{ x: 1400 }}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          {
            title: storyTexts.title,
            dataIndex: 'title',
            width: 300,
            render: (t: string, s) => (
              <Typography.Link strong onClick={() => navigate(`/stories/${s.id}`)}>
                {t}
              </Typography.Link>
            ),
          },
          {
            title: storyTexts.status,
            dataIndex: 'status',
            width: 150,
            render: (_: string, s) => <StatusTag status={s.status} label={s.statusLabel} withdrawn={!!s.withdrawnAt} />,
          },
          { title: storyListTexts.holder, key: 'holder', width: 220, render: (_: unknown, s) => <span data-testid="story-row-holder">{holderText(s)}</span> },
          { title: storyListTexts.reason, dataIndex: 'decisionReason', width: 200, render: (r: string | null, s) => r ?? s.review?.sentBackReason ?? '' },
          { title: storyTexts.byline, dataIndex: 'byline', width: 120 },
          { title: storyTexts.category, dataIndex: 'category', width: 100 },
          { title: storyTexts.updatedAt, dataIndex: 'updatedAt', width: 170, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 230,
            fixed: 'right',
            render: (_: unknown, s) => {
              const editable = EDITABLE.has(s.status) && !s.withdrawnAt;
              return (
                <Space>
                  <Button size="small" onClick={() => navigate(`/stories/${s.id}`)}>
                    {storyListTexts.open}
                  </Button>
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
      <CursorPager pages={pages} />
    </Card>
  );
}
