import { CursorPager } from '../../../components/cursor-pager';
import { LikeOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useShowError } from '../../../hooks/use-api-error';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { startsFresh, useLiveFeed } from '../../../hooks/use-live-feed';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, poolTexts } from '../../../locales/zh-CN';
import { getPoolStory, listPool, searchPool, type PoolStory, type SearchHit } from '../../../services/pool';
import { LiveBadge } from '../shared/live-badge';
import './pool.css';

const PAGE_SIZE = 20;

/** 大稿库: the hub's accepted stories, newest first and live; or a full-text search, highlighted, paged by keyset. */
export default function PoolPage() {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [hitsCursor, setHitsCursor] = useState<string | null>(null);

  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listPool(me.center, { cursor, limit: PAGE_SIZE }, signal), [me.center]),
  );
  const { setItems, index: pageIndex } = pages;

  const live = useLiveFeed<{ storyId?: string; title?: string }>(
    me.center,
    (ev) => {
      // Events were missed while the feed was away: the page may be stale anywhere, so read it again.
      if (startsFresh(ev)) return pages.reload();
      if (!ev.event.startsWith('pool.') || !ev.data.storyId) return;
      const storyId = ev.data.storyId;
      if (ev.event === 'pool.withdrawn') return setItems((l) => l.filter((x) => x.id !== storyId));
      void getPoolStory(me.center, storyId)
        .then((s) => {
          setItems((l) => (l.some((x) => x.id === s.id) ? l.map((x) => (x.id === s.id ? s : x)) : pageIndex === 0 ? [s, ...l] : l));
          if (ev.event === 'pool.pooled') void message.info(poolTexts.newPooled(s.title));
        })
        .catch(() => undefined);
    },
    { enabled: access.canLiveFeed },
  );

  const search = async (q: string, cursor?: string) => {
    setQuery(q);
    if (!q.trim()) {
      setHits(null);
      return;
    }
    try {
      const r = await searchPool(me.center, { q, cursor, limit: PAGE_SIZE });
      setHits((h) => (cursor && h ? [...h, ...r.items] : r.items));
      setHitsCursor(r.nextCursor);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={
        <Space>
          {poolTexts.title}
          <LiveBadge state={live} />
        </Space>
      }
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={poolTexts.searchPlaceholder}
            style={{ width: 320 }}
            onSearch={(q) => search(q)}
            aria-label={poolTexts.searchPlaceholder}
          />
          <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
            {commonTexts.refresh}
          </Button>
        </Space>
      }
    >
      {hits ? (
        <div data-testid="pool-search-results">
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
                  <Space orientation="vertical" size={2}>
                    <a onClick={() => navigate(`/pool/${h.storyId}`)}>
                      <span className="hit" dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                    </a>
                    <Typography.Text type="secondary" className="snippet">
                      <span dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: poolTexts.origin, dataIndex: 'originName', width: 110 },
              { title: poolTexts.category, dataIndex: 'category', width: 90 },
              { title: poolTexts.pooledAt, dataIndex: 'pooledAt', width: 150, render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '') },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setHits(null)}>{commonTexts.back}</Button>
            {hitsCursor && <Button onClick={() => search(query, hitsCursor)}>{poolTexts.more}</Button>}
          </Space>
        </div>
      ) : (
        <>
          <Table<PoolStory>
            data-testid="pool-table"
            rowKey="id"
            loading={pages.loading}
            dataSource={pages.items}
            pagination={false}
            locale={{ emptyText: commonTexts.empty }}
            columns={[
              {
                title: poolTexts.story,
                dataIndex: 'title',
                render: (t: string, s) => (
                  <Space wrap>
                    <a onClick={() => navigate(`/pool/${s.id}`)}>
                      <Typography.Text strong>{t}</Typography.Text>
                    </a>
                    {s.editedAt && <Tag color="cyan">{poolTexts.curated}</Tag>}
                    {s.recommendation && (
                      <Tag color="gold" icon={<LikeOutlined />}>
                        {poolTexts.recommended}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              { title: poolTexts.byline, dataIndex: 'byline', width: 140 },
              { title: poolTexts.category, dataIndex: 'category', width: 90 },
              { title: poolTexts.tags, dataIndex: 'tags', width: 200, render: (tags: string[]) => tags.map((t) => <Tag key={t}>{t}</Tag>) },
              { title: poolTexts.pooledAt, dataIndex: 'pooledAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            ]}
          />
          <CursorPager pages={pages} />
        </>
      )}
    </Card>
  );
}
