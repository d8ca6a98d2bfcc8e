import { LikeOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useLiveFeed, type LiveEvent, type LiveState } from '../../../hooks/use-live-feed';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, liveTexts } from '../../../locales/zh-CN';
import { liveWatchTexts, provinceTexts } from '../../../locales/zh-CN/province';
import { listIndex, type NamedCenter } from '../../../services/province';
import { AdoptModal } from '../components/adopt-modal';
import { StoryDrawer } from '../components/story-drawer';
import '../components/province.css';

/** What an index.* event carries (docs/live-feed.md). */
interface IndexEventData {
  storyId: string;
  title?: string;
  category?: string;
  city?: NamedCenter;
  origin?: NamedCenter;
  embargoedUntil?: string;
  note?: string;
  at: string;
}

interface Row {
  storyId: string;
  title: string | null;
  category: string | null;
  city: NamedCenter | null;
  origin: NamedCenter | null;
  event: string;
  at: string;
  recommended: boolean;
  withdrawn: boolean;
  /** Arrived while this page was open (flashes once). */
  live: boolean;
}

const KEEP = 200;
const LIVE_STATE: Record<LiveState, { status: 'success' | 'processing' | 'warning' | 'default'; text: string }> = {
  open: { status: 'success', text: liveTexts.connected },
  connecting: { status: 'processing', text: liveTexts.reconnecting },
  reconnecting: { status: 'warning', text: liveTexts.reconnecting },
  closed: { status: 'default', text: liveTexts.closed },
};

/**
 * 实时稿件流: one row per story, newest activity on top. It starts from the latest page of the
 * index, then every index.* event of the live feed updates or adds its story's row without a
 * reload (the hook replays what was missed after a reconnect). Recommended stories stand out.
 */
export default function LiveWatchPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const [rows, setRows] = useState<Row[]>([]);
  const [arrived, setArrived] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  const [adopting, setAdopting] = useState<{ storyId: string; title: string } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    listIndex(me.center, { limit: 30 }, ctrl.signal)
      .then((p) =>
        setRows((live) => {
          const seen = new Set(live.map((r) => r.storyId));
          const seeded = p.items
            .filter((i) => !seen.has(i.storyId))
            .map((i): Row => ({
              storyId: i.storyId,
              title: i.title,
              category: i.category,
              city: i.city,
              origin: i.origin,
              event: 'seeded',
              at: i.pooledAt,
              recommended: !!i.recommended,
              withdrawn: false,
              live: false,
            }));
          return [...live, ...seeded];
        }),
      )
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, showError]);

  const onEvent = useCallback((e: LiveEvent<IndexEventData>) => {
    if (!e.event.startsWith('index.') || !e.data?.storyId) return;
    const d = e.data;
    setArrived((n) => n + 1);
    setRows((rows) => {
      const old = rows.find((r) => r.storyId === d.storyId);
      const row: Row = {
        storyId: d.storyId,
        title: d.title ?? old?.title ?? null,
        category: d.category ?? old?.category ?? null,
        city: d.city ?? old?.city ?? null,
        origin: d.origin ?? old?.origin ?? null,
        event: e.event,
        at: d.at,
        recommended: e.event === 'index.recommended' || !!old?.recommended,
        withdrawn: e.event === 'index.withdrawn',
        live: true,
      };
      return [row, ...rows.filter((r) => r.storyId !== d.storyId)].slice(0, KEEP);
    });
  }, []);
  const state = useLiveFeed<IndexEventData>(me.center, onEvent, { enabled: access.canLiveFeed });

  return (
    <Card
      title={liveWatchTexts.title}
      extra={
        <Space>
          <Typography.Text type="secondary">{liveWatchTexts.arrived(arrived)}</Typography.Text>
          <span data-testid="live-state" data-state={state}>
            <Badge status={LIVE_STATE[state].status} text={LIVE_STATE[state].text} />
          </span>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{liveWatchTexts.intro}</Typography.Paragraph>
      <div data-testid="live-watch">
        <Table<Row>
          rowKey="storyId"
          size="middle"
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: commonTexts.empty }}
          rowClassName={(r) => [r.recommended ? 'row-recommended' : '', r.live ? 'live-row-new' : ''].join(' ')}
          columns={[
            { title: provinceTexts.time, dataIndex: 'at', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm:ss') },
            {
              title: provinceTexts.event,
              dataIndex: 'event',
              width: 110,
              render: (ev: string, r) => (
                <Tag color={r.withdrawn ? 'default' : ev === 'index.corrected' ? 'orange' : ev === 'seeded' ? undefined : 'blue'}>
                  {liveWatchTexts.events[ev] ?? ev}
                </Tag>
              ),
            },
            {
              title: provinceTexts.title,
              key: 'title',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.recommended && (
                    <Tag color="volcano" icon={<LikeOutlined />}>
                      {provinceTexts.recommended}
                    </Tag>
                  )}
                  {r.withdrawn ? (
                    <Typography.Text delete>{r.title ?? r.storyId}</Typography.Text>
                  ) : (
                    <Typography.Link onClick={() => setOpened(r.storyId)}>{r.title ?? liveWatchTexts.embargoed}</Typography.Link>
                  )}
                </Space>
              ),
            },
            { title: provinceTexts.city, key: 'city', width: 110, render: (_: unknown, r) => r.city?.name ?? '—' },
            { title: provinceTexts.origin, key: 'origin', width: 110, render: (_: unknown, r) => r.origin?.name ?? '—' },
            { title: provinceTexts.category, dataIndex: 'category', width: 90, render: (c: string | null) => c ?? '—' },
            {
              title: commonTexts.actions,
              key: 'actions',
              width: 90,
              render: (_: unknown, r) =>
                access.can('adoption.adopt') &&
                !r.withdrawn &&
                r.title && (
                  <Button size="small" type="primary" onClick={() => setAdopting({ storyId: r.storyId, title: r.title! })}>
                    {provinceTexts.adopt}
                  </Button>
                ),
            },
          ]}
        />
      </div>
      <StoryDrawer storyId={opened} onClose={() => setOpened(null)} />
      <AdoptModal story={adopting} onClose={() => setAdopting(null)} />
    </Card>
  );
}
