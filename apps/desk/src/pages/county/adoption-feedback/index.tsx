import { Button, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { startsFresh, useLiveFeed } from '../../../hooks/use-live-feed';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { adoptionFeedbackTexts as T } from '../../../locales/zh-CN/county';
import { listAdoptionFeedback } from '../../../services/county';
import type { AdoptionFeedbackItem } from '../../../services/county-types';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';

/** 采用反馈: which of this center's stories were adopted, by whom, on which channel, when; updates live. */
export default function AdoptionFeedbackPage() {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const pages = useCursorPages<AdoptionFeedbackItem>(
    useCallback((cursor, signal) => listAdoptionFeedback(me.center, { cursor, limit: 20 }, signal), [me.center]),
  );
  useLiveFeed(me.center, (e) => (e.event === 'story.feedback' || startsFresh(e)) && pages.reload(), { enabled: access.canLiveFeed });
  const total = pages.items.reduce((sum, f) => sum + (f.points ?? 0), 0);

  return (
    <Card title={T.title} extra={<Button onClick={pages.reload}>{commonTexts.refresh}</Button>}>
      <Table<AdoptionFeedbackItem>
        data-testid="adoption-feedback"
        rowKey="adoptionId"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          {
            title: T.story,
            dataIndex: 'storyTitle',
            render: (t: string, f) =>
              f.origin.code === me.center ? (
                <Typography.Link onClick={() => navigate(`/stories/${f.storyId}`)}>{t}</Typography.Link>
              ) : (
                `${t}（${f.origin.name}）`
              ),
          },
          { title: T.adopter, key: 'adopter', width: 180, render: (_: unknown, f) => f.adopter.name },
          { title: T.channel, dataIndex: 'channel', width: 140 },
          { title: T.adoptedBy, dataIndex: 'adoptedBy', width: 140 },
          { title: T.points, dataIndex: 'points', width: 80, render: (p: number | null) => p ?? T.noPoints },
          { title: T.at, dataIndex: 'adoptedAt', width: 170, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <Typography.Paragraph data-testid="adoption-points-total" style={{ marginTop: 12 }}>
        {T.pointsTotal(total)}
        <Typography.Text type="secondary">（{T.pointsNote}）</Typography.Text>
      </Typography.Paragraph>
      <CursorPager pages={pages} />
    </Card>
  );
}
