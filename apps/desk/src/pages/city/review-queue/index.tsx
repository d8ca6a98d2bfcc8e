import { CursorPager } from '../../../components/cursor-pager';
import { ClusterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useShowError } from '../../../hooks/use-api-error';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { startsFresh, useLiveFeed, type LiveEvent } from '../../../hooks/use-live-feed';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, poolTexts, queueTexts } from '../../../locales/zh-CN';
import { searchPool, type SearchHit } from '../../../services/pool';
import { getQueueEntry, listQueue, type QueueEntry } from '../../../services/review-queue';
import { ClaimCountdown } from '../shared/claim-countdown';
import { LiveBadge } from '../shared/live-badge';
import { QueueEntryDrawer } from './queue-entry-drawer';

const PAGE_SIZE = 20;

/** 审核队列: what the counties submitted, live; claim, read in full, decide. */
export default function ReviewQueuePage() {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [status, setStatus] = useState('pending');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [open, setOpen] = useState<QueueEntry | null>(null);
  // The live handler reads the open entry's id without re-subscribing on every selection.
  const openId = useRef<string | null>(null);
  useEffect(() => {
    openId.current = open?.storyId ?? null;
  }, [open]);

  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listQueue(me.center, { status, cursor, limit: PAGE_SIZE }, signal), [me.center, status]),
  );
  const { setItems, index: pageIndex, reload } = pages;

  /** Re-reads one entry and puts it where it now belongs: in this list, or out of it. */
  const refreshEntry = useCallback(
    async (storyId: string, arrived: boolean) => {
      const e = await getQueueEntry(me.center, storyId).catch(() => null);
      if (!e) return;
      if (openId.current === storyId) setOpen(e);
      setItems((list) => {
        const at = list.findIndex((x) => x.storyId === storyId);
        if (e.status !== status) return at < 0 ? list : list.filter((x) => x.storyId !== storyId);
        if (at >= 0) return list.map((x) => (x.storyId === storyId ? e : x));
        // Newest first: a new arrival belongs at the top of the first page only.
        return arrived && pageIndex === 0 ? [e, ...list] : list;
      });
      if (arrived && e.status === 'pending') void message.info(queueTexts.newArrival(e.title));
      // A near-duplicate's arrival puts the stories already listed into its family too.
      if (arrived && e.family) {
        for (const m of e.family.members.filter((x) => x.storyId !== storyId && x.status === 'pending')) {
          void getQueueEntry(me.center, m.storyId)
            .then((other) => setItems((list) => list.map((x) => (x.storyId === other.storyId ? other : x))))
            .catch(() => undefined);
        }
      }
    },
    [me.center, status, pageIndex, message, setItems],
  );

  const live = useLiveFeed<{ storyId?: string }>(
    me.center,
    (ev: LiveEvent<{ storyId?: string }>) => {
      // Events were missed while the feed was away: the list may be stale anywhere, so read it again.
      if (startsFresh(ev)) return reload();
      if (!ev.event.startsWith('queue.') || !ev.data.storyId) return;
      void refreshEntry(ev.data.storyId, ev.event === 'queue.queued');
    },
    { enabled: access.canLiveFeed },
  );

  const search = async (q: string) => {
    setQuery(q);
    if (!q.trim()) return setHits(null);
    try {
      const r = await searchPool(me.center, { q, scope: 'queue', status, limit: 50 });
      setHits(r.items);
    } catch (e) {
      showError(e);
    }
  };

  const openEntry = async (storyId: string) => {
    try {
      setOpen(await getQueueEntry(me.center, storyId));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={
        <Space>
          {queueTexts.title}
          <LiveBadge state={live} />
        </Space>
      }
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={queueTexts.searchPlaceholder}
            style={{ width: 260 }}
            onSearch={search}
            aria-label={queueTexts.searchPlaceholder}
          />
          <Select
            style={{ width: 120 }}
            options={queueTexts.statusOptions}
            value={status}
            aria-label={queueTexts.decision}
            onChange={(v) => {
              setStatus(v);
              setHits(null);
            }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
            {commonTexts.refresh}
          </Button>
        </Space>
      }
    >
      {hits ? (
        <div data-testid="queue-search-results">
          <Space style={{ marginBottom: 12 }}>
            <Typography.Text strong>{queueTexts.searchResults(query)}</Typography.Text>
            <Button size="small" onClick={() => setHits(null)}>
              {queueTexts.clearSearch}
            </Button>
          </Space>
          <Table<SearchHit>
            rowKey="storyId"
            dataSource={hits}
            pagination={false}
            locale={{ emptyText: poolTexts.noHits }}
            columns={[
              {
                title: poolTexts.story,
                key: 'title',
                render: (_: unknown, h) => (
                  <a onClick={() => openEntry(h.storyId)}>
                    <span className="hit" dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                  </a>
                ),
              },
              { title: queueTexts.origin, dataIndex: 'originName', width: 120 },
              {
                title: queueTexts.receivedAt,
                dataIndex: 'receivedAt',
                width: 160,
                render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : ''),
              },
            ]}
          />
        </div>
      ) : (
        <>
          <Table<QueueEntry>
            data-testid="queue-table"
            rowKey="storyId"
            loading={pages.loading}
            dataSource={pages.items}
            pagination={false}
            locale={{ emptyText: commonTexts.empty }}
            columns={[
              {
                title: poolTexts.story,
                dataIndex: 'title',
                render: (t: string, e) => (
                  <Space orientation="vertical" size={0}>
                    <a onClick={() => setOpen(e)}>
                      <Typography.Text strong>{t}</Typography.Text>
                    </a>
                    {e.resubmission && <Tag color="warning">{queueTexts.resubmitted(e.resubmission.previousVersion)}</Tag>}
                  </Space>
                ),
              },
              { title: queueTexts.origin, dataIndex: 'originName', width: 110 },
              { title: queueTexts.version, dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
              { title: queueTexts.receivedAt, dataIndex: 'receivedAt', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm') },
              ...(status === 'pending'
                ? [
                    {
                      title: queueTexts.claim,
                      key: 'claim',
                      width: 230,
                      render: (_: unknown, e: QueueEntry) => <ClaimCountdown claim={e.claim} mine={e.claim?.claimedBy === me.userId} />,
                    },
                  ]
                : [{ title: queueTexts.reason, dataIndex: 'reason', width: 230 }]),
              {
                title: queueTexts.familyLink,
                key: 'family',
                width: 120,
                render: (_: unknown, e: QueueEntry) =>
                  e.family && e.family.members.length > 1 ? (
                    <Button size="small" icon={<ClusterOutlined />} onClick={() => navigate(`/review-queue/${e.storyId}/family`)}>
                      {queueTexts.family(e.family.members.length - 1)}
                    </Button>
                  ) : null,
              },
              {
                title: commonTexts.actions,
                key: 'actions',
                width: 90,
                render: (_: unknown, e: QueueEntry) => (
                  <Button size="small" type="primary" onClick={() => setOpen(e)}>
                    {queueTexts.open}
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} />
        </>
      )}
      <QueueEntryDrawer
        entry={open}
        onClose={() => setOpen(null)}
        onChanged={() => {
          if (open) void refreshEntry(open.storyId, false);
        }}
      />
    </Card>
  );
}
