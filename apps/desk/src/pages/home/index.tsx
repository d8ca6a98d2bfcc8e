import { Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLiveFeed, type LiveEvent } from '../../hooks/use-live-feed';
import { useAccess, useMe } from '../../hooks/use-session';
import { homeTexts, liveTexts } from '../../locales/zh-CN';

const LIVE_STATE_TEXT = {
  open: liveTexts.connected,
  connecting: liveTexts.reconnecting,
  reconnecting: liveTexts.reconnecting,
  closed: liveTexts.closed,
} as const;

/** Landing page: greeting, and the center's live stream where this role may watch it. */
export default function HomePage() {
  const me = useMe();
  const access = useAccess();
  const [events, setEvents] = useState<LiveEvent<{ title?: string }>[]>([]);
  // `ready` only says the stream is open; every other event (docs/live-feed.md) is listed as it comes.
  const live = useLiveFeed<{ title?: string }>(me.center, (e) => e.event !== 'ready' && setEvents((prev) => [e, ...prev].slice(0, 20)), {
    enabled: access.canLiveFeed,
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} data-testid="home-welcome">
          {homeTexts.welcome(me.name)}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{homeTexts.intro}</Typography.Paragraph>
      </Card>
      {access.canLiveFeed && (
        <Card title={homeTexts.live} extra={<Tag color={live === 'open' ? 'green' : 'default'}>{LIVE_STATE_TEXT[live]}</Tag>}>
          <List
            dataSource={events}
            locale={{ emptyText: homeTexts.liveIdle }}
            renderItem={(e) => <List.Item key={e.id}>{e.data?.title ?? e.event}</List.Item>}
          />
        </Card>
      )}
    </Space>
  );
}
