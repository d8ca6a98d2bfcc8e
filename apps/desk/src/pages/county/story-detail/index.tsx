import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { cleanPastedHtml } from '../../../components/clean-pasted-html';
import { StatusTag } from '../../../components/status-tag';
import { OwnStoryMedia } from '../../../components/story-media';
import { useShowError } from '../../../hooks/use-api-error';
import { startsFresh, useLiveFeed } from '../../../hooks/use-live-feed';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, mediaTexts } from '../../../locales/zh-CN';
import { storyPageTexts } from '../../../locales/zh-CN/county';
import { getCountyStory } from '../../../services/county';
import type { CountyStory, StoryFeedback } from '../../../services/county-types';
import { holderText } from '../holder-text';
import { AuditPanel } from './audit-panel';
import { FeedbackPanel } from './feedback-panel';
import { ReceiptsPanel } from './receipts-panel';
import { ReviewPanel } from './review-panel';
import { VersionsPanel } from './versions-panel';
import './story-detail.css';

const T = storyPageTexts;
const EDITABLE = new Set(['draft', 'returned']);

/**
 * Every use of the story: 转载 by siblings and 选用 relayed as feedback (story.feedback), and the
 * adoptions above recorded for this story (story.adoptions); one row per center, channel and kind.
 */
function usesOf(s: CountyStory): StoryFeedback[] {
  const adopted: StoryFeedback[] = (s.adoptions ?? []).map((a) => ({
    kind: 'adopted',
    kindLabel: T.feedback.adopted,
    version: a.storyVersion,
    adopter: { code: a.adopter.code, name: a.adopter.name, level: '' },
    adoptedBy: a.adoptedBy,
    channel: a.channel,
    note: null,
    adoptedAt: a.adoptedAt,
    points: a.points,
  }));
  const keyOf = (f: StoryFeedback) => `${f.kind}|${f.adopter.code}|${f.channel}`;
  // The points travel only with the adoption records, so a row kept from story.feedback takes them from its twin.
  const pointsOf = new Map(adopted.map((a) => [keyOf(a), a.points ?? null]));
  const seen = new Set<string>();
  return [...(s.feedback ?? []), ...adopted]
    .filter((f) => !seen.has(keyOf(f)) && !!seen.add(keyOf(f)))
    .map((f) => ({ ...f, points: f.points ?? pointsOf.get(keyOf(f)) ?? null }));
}

/**
 * 稿件详情: one story's content and metadata, its 三审, versions, adoption feedback, corrections with
 * their receipts, and audit trail. Follows the live feed, so a hub's decision, an adoption or a
 * receipt shows without reload.
 */
export default function StoryDetailPage() {
  const { id } = useParams<{ id: string }>();
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const [story, setStory] = useState<CountyStory | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [tab, setTab] = useState('review');

  const load = useCallback((signal?: AbortSignal) => getCountyStory(me.center, id!, signal).then(setStory).catch(showError), [me.center, id, showError]);
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  useLiveFeed<{ storyId?: string }>(
    me.center,
    (e) => {
      // Opening the page reads the story and connects the feed at once: a sign-off committed in between
      // is in neither, so the feed's first ready reads the story again.
      if (e.data?.storyId !== id && !startsFresh(e)) return;
      void load();
      setRefreshKey((k) => k + 1);
    },
    { enabled: access.canLiveFeed },
  );

  // A sign-off or correction answers the whole story, but without the feedback list: keep the one we have.
  const changed = (s: CountyStory) => {
    setStory((old) => ({ ...s, feedback: s.feedback ?? old?.feedback, adoptions: s.adoptions ?? old?.adoptions }));
    setRefreshKey((k) => k + 1);
  };

  if (!story)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const editable = EDITABLE.has(story.status) && !story.withdrawnAt;
  const uses = usesOf(story);
  const authors = story.authors.map((a) => (a.role ? `${a.name}（${T.authorRoles[a.role] ?? a.role}）` : a.name)).join('、');

  return (
    <Card
      title={
        <Space>
          <span data-testid="story-detail-title">{story.title}</span>
          <StatusTag status={story.status} label={story.statusLabel} withdrawn={!!story.withdrawnAt} />
        </Space>
      }
      extra={
        <Space>
          {access.canWriteStory && editable && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/stories/${story.id}/edit`)}>
              {T.edit}
            </Button>
          )}
          <Button onClick={() => navigate('/stories')}>{commonTexts.back}</Button>
        </Space>
      }
    >
      {story.withdrawnAt && <Alert type="error" showIcon title={`${T.withdrawn}：${story.withdrawalReason ?? ''}`} style={{ marginBottom: 16 }} />}
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'holder', label: T.holder, children: <span data-testid="story-holder">{holderText(story)}</span> },
          { key: 'version', label: T.version, children: `v${story.version}` },
          { key: 'byline', label: T.byline, children: story.byline },
          { key: 'authors', label: T.authors, children: authors || T.none },
          { key: 'category', label: T.category, children: story.category },
          { key: 'tags', label: T.tags, children: story.tags.length ? story.tags.map((t) => <Tag key={t}>{t}</Tag>) : T.none },
          { key: 'topic', label: T.topic, children: story.topicId ? <Typography.Text code>{story.topicId.slice(0, 8)}</Typography.Text> : T.none },
          { key: 'embargo', label: T.embargo, children: story.embargoUntil ? dayjs(story.embargoUntil).format('YYYY-MM-DD HH:mm') : T.none },
          ...(story.decisionReason
            ? [{ key: 'reason', label: T.hubReason, children: <span data-testid="story-hub-reason">{story.decisionReason}</span> }]
            : []),
          { key: 'summary', label: T.summary, span: 2, children: story.summary || T.none },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'review', label: T.tabs.review, children: <ReviewPanel story={story} onChange={changed} /> },
          {
            key: 'body',
            label: T.tabs.body,
            // The server keeps bodies to its sanitiser's allowlist; the same cleaning again guards the page.
            children: <div className="story-detail__body" data-testid="story-body-view" dangerouslySetInnerHTML={{ __html: cleanPastedHtml(story.body) }} />,
          },
          {
            key: 'media',
            label: `${mediaTexts.library}${story.mediaRefs?.length ? `（${story.mediaRefs.length}）` : ''}`,
            children: <OwnStoryMedia center={story.centerCode} refs={story.mediaRefs ?? []} />,
          },
          { key: 'versions', label: T.tabs.versions, children: <VersionsPanel storyId={story.id} currentVersion={story.version} /> },
          {
            key: 'feedback',
            label: `${T.tabs.feedback}${uses.length ? `（${uses.length}）` : ''}`,
            children: <FeedbackPanel feedback={uses} />,
          },
          { key: 'receipts', label: T.tabs.receipts, children: <ReceiptsPanel story={story} refreshKey={refreshKey} onChange={changed} /> },
          { key: 'audit', label: T.tabs.audit, children: <AuditPanel storyId={story.id} refreshKey={refreshKey} /> },
        ]}
      />
    </Card>
  );
}
