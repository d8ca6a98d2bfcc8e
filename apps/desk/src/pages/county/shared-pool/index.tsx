import { Button, Card, Drawer, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { cleanPastedHtml } from '../../../components/clean-pasted-html';
import { HeldStoryMedia } from '../../../components/story-media';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, storyTexts } from '../../../locales/zh-CN';
import { sharedPoolTexts as T } from '../../../locales/zh-CN/county';
import { getSharedStory, listRepublished, listSharedPool, searchSharedPool } from '../../../services/county';
import type { Republished, SharedPoolHit, SharedPoolStory } from '../../../services/county-types';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { HighlightedText } from './highlighted-text';
import { RepublishButton } from './republish-button';
import '../county-pages.css';

/** One row of the browse list or of a search: the fields both answers share. */
interface Row {
  storyId: string;
  title: React.ReactNode;
  snippet?: React.ReactNode;
  originName: string;
  hubName: string;
  own: boolean;
  republishedOn: string[];
}

const fromStory = (s: SharedPoolStory): Row => ({
  storyId: s.id,
  title: s.title,
  snippet: s.summary,
  originName: s.originName,
  hubName: s.hubName,
  own: s.own,
  republishedOn: s.republishedOn,
});
const fromHit = (h: SharedPoolHit): Row => ({
  storyId: h.storyId,
  title: <HighlightedText html={h.titleHtml} />,
  snippet: <HighlightedText html={h.snippetHtml} />,
  originName: h.originName,
  hubName: h.hubName,
  own: h.own,
  republishedOn: h.republishedOn,
});

/** 市级大稿库: browse and search the city hub's pool (highlighted), read a story, 转载 it with attribution; 已转载. */
export default function SharedPoolPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<SharedPoolStory | null>(null);
  const pool = useCursorPages<Row>(
    useCallback(
      async (cursor, signal) => {
        if (query) {
          const p = await searchSharedPool(me.center, { q: query, cursor, limit: 20 }, signal);
          return { items: p.items.map(fromHit), nextCursor: p.nextCursor };
        }
        const p = await listSharedPool(me.center, { cursor, limit: 20 }, signal);
        return { items: p.items.map(fromStory), nextCursor: p.nextCursor };
      },
      [me.center, query],
    ),
  );
  const mine = useCursorPages<Republished>(useCallback((cursor, signal) => listRepublished(me.center, { cursor, limit: 20 }, signal), [me.center]));

  const read = (id: string) => getSharedStory(me.center, id).then(setOpen).catch(showError);
  const mayRepublish = access.can('sharedPool.republish');

  const browse = (
    <>
      <Input.Search
        allowClear
        enterButton={T.search}
        placeholder={T.searchPlaceholder}
        onSearch={(v) => setQuery(v.trim())}
        style={{ maxWidth: 520, marginBottom: 16 }}
        data-testid="pool-search"
      />
      <Table<Row>
        data-testid="shared-pool"
        rowKey="storyId"
        loading={pool.loading}
        dataSource={pool.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          {
            title: storyTexts.title,
            key: 'title',
            render: (_: unknown, r) => (
              <>
                <Typography.Link strong onClick={() => void read(r.storyId)}>
                  {r.title}
                </Typography.Link>
                {r.snippet && (
                  <div>
                    <Typography.Text type="secondary">{r.snippet}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          { title: T.origin, dataIndex: 'originName', width: 160, render: (n: string, r) => (r.own ? <Tag>{T.own}</Tag> : n) },
          { title: T.republishedOn, dataIndex: 'republishedOn', width: 160, render: (c: string[]) => c.join('、') },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 150,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => void read(r.storyId)}>
                  {T.open}
                </Button>
                {mayRepublish && !r.own && (
                  <RepublishButton storyId={r.storyId} attribution={T.attribution(r.originName, r.hubName)} onDone={() => (pool.reload(), mine.reload())} />
                )}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pool} />
    </>
  );

  const republished = (
    <>
      <Table<Republished>
        data-testid="republished"
        rowKey="id"
        loading={mine.loading}
        dataSource={mine.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          { title: storyTexts.title, dataIndex: 'title' },
          { title: T.channel, dataIndex: 'channel', width: 160 },
          { title: T.at, dataIndex: 'republishedAt', width: 170, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <CursorPager pages={mine} />
    </>
  );

  return (
    <Card title={T.title}>
      <Tabs
        items={[
          { key: 'browse', label: T.tabs.browse, children: browse },
          { key: 'mine', label: T.tabs.mine, children: republished },
        ]}
      />
      <Drawer open={!!open} width={720} title={open?.title} onClose={() => setOpen(null)} destroyOnHidden>
        {open && (
          <>
            <Typography.Paragraph type="secondary" data-testid="pool-attribution">
              {T.attribution(open.originName, open.hubName)}
              {open.byline ? ` · ${open.byline}` : ''}
            </Typography.Paragraph>
            {open.summary && <Typography.Paragraph strong>{open.summary}</Typography.Paragraph>}
            <div className="county-fulltext" dangerouslySetInnerHTML={{ __html: cleanPastedHtml(open.body ?? '') }} />
            {/* A copy this center 转载'd brings its photos and video here, pulled from the hub. */}
            {open.republishedOn.length > 0 && (
              <div style={{ margin: '16px 0' }}>
                <HeldStoryMedia center={me.center} storyId={open.id} />
              </div>
            )}
            {mayRepublish && !open.own && (
              <RepublishButton storyId={open.id} attribution={T.attribution(open.originName, open.hubName)} onDone={() => (pool.reload(), mine.reload())} />
            )}
          </>
        )}
      </Drawer>
    </Card>
  );
}
