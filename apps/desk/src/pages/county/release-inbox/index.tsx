import { App, Button, Card, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { cleanPastedHtml } from '../../../components/clean-pasted-html';
import { HeldStoryMedia } from '../../../components/story-media';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, storyTexts } from '../../../locales/zh-CN';
import { releaseInboxTexts as T } from '../../../locales/zh-CN/county';
import { getRelease, listReleaseInbox, republishRelease } from '../../../services/county';
import type { InboxRelease } from '../../../services/county-types';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import '../county-pages.css';

const STATUS_COLORS: Record<string, string> = { received: 'processing', republished: 'success', withdrawn: 'default' };

/** 通稿: releases received from above; read one, 转载 it (with its source), and a receipt goes to the issuer. */
export default function ReleaseInboxPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const [open, setOpen] = useState<InboxRelease | null>(null);
  const pages = useCursorPages<InboxRelease>(useCallback((cursor, signal) => listReleaseInbox(me.center, { cursor, limit: 20 }, signal), [me.center]));
  const mayRepublish = (r: InboxRelease) =>
    access.can('releaseInbox.republish') && r.targeted && r.status === 'received' && !r.withdrawnAt && !r.embargoedUntil;

  const read = (id: string) => getRelease(me.center, id).then(setOpen).catch(showError);
  const republish = async (r: InboxRelease) => {
    try {
      const done = await republishRelease(me.center, r.releaseId);
      void message.success(T.republished);
      if (open) setOpen(done);
      pages.reload();
    } catch (e) {
      showError(e);
    }
  };
  const republishButton = (r: InboxRelease) =>
    mayRepublish(r) && (
      <Popconfirm title={T.republishConfirm} onConfirm={() => republish(r)} okText={T.republish} cancelText={commonTexts.cancel}>
        <Button size="small" type="primary">
          {T.republish}
        </Button>
      </Popconfirm>
    );

  return (
    <Card title={T.title} extra={<Button onClick={pages.reload}>{commonTexts.refresh}</Button>}>
      <Table<InboxRelease>
        data-testid="release-inbox"
        rowKey="releaseId"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          {
            title: storyTexts.title,
            dataIndex: 'title',
            render: (t: string | null, r) =>
              r.embargoedUntil ? (
                <Tag color="warning" data-testid="release-embargoed">
                  {T.embargoed(dayjs(r.embargoedUntil).format('YYYY-MM-DD HH:mm'))}
                </Tag>
              ) : (
                <Typography.Link strong onClick={() => void read(r.releaseId)}>
                  {t}
                </Typography.Link>
              ),
          },
          { title: T.issuer, key: 'issuer', width: 170, render: (_: unknown, r) => r.issuer.name },
          { title: T.status, dataIndex: 'statusLabel', width: 110, render: (l: string, r) => <Tag color={STATUS_COLORS[r.status] ?? 'default'}>{l}</Tag> },
          { title: T.receivedAt, dataIndex: 'receivedAt', width: 170, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 150,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" disabled={!!r.embargoedUntil} onClick={() => void read(r.releaseId)}>
                  {T.read}
                </Button>
                {republishButton(r)}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} />
      <Drawer open={!!open} width={720} title={open?.title} onClose={() => setOpen(null)} destroyOnHidden>
        {open && (
          <>
            <Typography.Paragraph type="secondary" data-testid="release-source">
              {T.source(open.issuer.name)}
              {open.story?.byline ? ` · ${open.story.byline}` : ''}
            </Typography.Paragraph>
            {open.story?.summary && <Typography.Paragraph strong>{open.story.summary}</Typography.Paragraph>}
            <div className="county-fulltext" dangerouslySetInnerHTML={{ __html: cleanPastedHtml(open.story?.body ?? '') }} />
            {/* The release's photos and video come down after it: shown as they arrive here. */}
            {open.story?.id && (open.story.mediaRefs?.length ?? 0) > 0 && (
              <div style={{ margin: '16px 0' }}>
                <HeldStoryMedia center={me.center} storyId={open.story.id} />
              </div>
            )}
            {republishButton(open)}
          </>
        )}
      </Drawer>
    </Card>
  );
}
