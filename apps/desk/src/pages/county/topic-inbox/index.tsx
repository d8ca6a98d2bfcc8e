import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useLiveFeed } from '../../../hooks/use-live-feed';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { topicInboxTexts as T } from '../../../locales/zh-CN/county';
import { listTopicInbox } from '../../../services/county';
import type { InboxTopic } from '../../../services/county-types';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import '../county-pages.css';

/** 选题: topics received from the city or province, deadlines first in mind; 写稿响应 opens a draft answering one. */
export default function TopicInboxPage() {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const pages = useCursorPages<InboxTopic>(useCallback((cursor, signal) => listTopicInbox(me.center, { cursor, limit: 20 }, signal), [me.center]));
  useLiveFeed(me.center, (e) => e.event.startsWith('topic') && pages.reload(), { enabled: access.canLiveFeed });

  return (
    <Card title={T.title} extra={<Button onClick={pages.reload}>{commonTexts.refresh}</Button>}>
      <Table<InboxTopic>
        data-testid="topic-inbox"
        rowKey="topicId"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        rowClassName={(t) => (t.overdue ? 'county-row--overdue' : '')}
        columns={[
          {
            title: T.title,
            dataIndex: 'title',
            render: (title: string, t) => (
              <>
                <Typography.Text strong>{title}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t.brief}</Typography.Text>
                </div>
              </>
            ),
          },
          { title: T.issuer, key: 'issuer', width: 160, render: (_: unknown, t) => t.issuer.name },
          { title: T.role, dataIndex: 'roleLabel', width: 90 },
          {
            title: T.deadline,
            dataIndex: 'deadline',
            width: 190,
            render: (d: string, t) => (
              <>
                <Typography.Text type={t.overdue ? 'danger' : undefined}>{dayjs(d).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                {t.overdue && (
                  <Tag color="error" style={{ marginInlineStart: 8 }}>
                    {T.overdue}
                  </Tag>
                )}
              </>
            ),
          },
          { title: T.answered, dataIndex: 'answeredStories', width: 100 },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 130,
            render: (_: unknown, t) =>
              access.canWriteStory && (
                <Button
                  size="small"
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => navigate(`/stories/new?${new URLSearchParams({ topic: t.topicId, topicTitle: t.title })}`)}
                >
                  {T.respond}
                </Button>
              ),
          },
        ]}
      />
      <CursorPager pages={pages} />
    </Card>
  );
}
