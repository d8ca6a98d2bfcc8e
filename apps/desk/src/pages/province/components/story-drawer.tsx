import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { apiErrorText } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { HeldStoryMedia } from '../../../components/story-media';
import { mediaTexts } from '../../../locales/zh-CN';
import { provinceTexts } from '../../../locales/zh-CN/province';
import { openIndexed, type IndexedStory } from '../../../services/province';
import { AdoptModal } from './adopt-modal';

/** Opens one story of the provincial index: its full text comes from its hub over gRPC. */
export function StoryDrawer({ storyId, onClose }: { storyId: string | null; onClose(): void }) {
  const me = useMe();
  const access = useAccess();
  const [story, setStory] = useState<IndexedStory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adopting, setAdopting] = useState(false);

  useEffect(() => {
    if (!storyId) return;
    const ctrl = new AbortController();
    setStory(null);
    setError(null);
    openIndexed(me.center, storyId, ctrl.signal)
      .then(setStory)
      .catch((e: unknown) => !ctrl.signal.aborted && setError(apiErrorText(e)));
    return () => ctrl.abort();
  }, [me.center, storyId]);

  return (
    <Drawer
      open={!!storyId}
      rootClassName="indexed-story-drawer"
      onClose={onClose}
      size={720}
      title={story?.title ?? provinceTexts.open}
      extra={
        access.can('adoption.adopt') &&
        story && (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setAdopting(true)}>
            {provinceTexts.adopt}
          </Button>
        )
      }
    >
      {error && <Alert type="error" title={provinceTexts.storyLoadFailed} description={error} showIcon />}
      {!story && !error && <Skeleton active />}
      {story && (
        <div data-testid="indexed-story">
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'city', label: provinceTexts.city, children: story.city },
              { key: 'origin', label: provinceTexts.origin, children: story.origin },
              { key: 'byline', label: provinceTexts.byline, children: story.byline },
              { key: 'category', label: provinceTexts.category, children: story.category },
              { key: 'version', label: provinceTexts.version, children: story.version },
              { key: 'pooledAt', label: provinceTexts.pooledAt, children: story.pooledAt ? dayjs(story.pooledAt).format('YYYY-MM-DD HH:mm') : '—' },
              { key: 'authors', label: provinceTexts.authors, span: 2, children: story.authors.map((a) => a.name).join('、') || '—' },
              {
                key: 'tags',
                label: provinceTexts.tags,
                span: 2,
                children: story.tags.length ? (
                  <Space wrap>
                    {story.tags.map((t) => (
                      <Tag key={t}>{t}</Tag>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
              },
            ]}
          />
          {story.summary && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
              {provinceTexts.summary}：{story.summary}
            </Typography.Paragraph>
          )}
          {/* The body is sanitized where it enters the network (libs/story sanitize-body), so it is safe to render as HTML. */}
          <div className="indexed-story-body" style={{ marginTop: 16, lineHeight: 1.9 }} dangerouslySetInnerHTML={{ __html: story.body }} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {mediaTexts.library}
          </Typography.Title>
          <HeldStoryMedia center={me.center} storyId={story.id} />
        </div>
      )}
      <AdoptModal story={adopting && story ? { storyId: story.id, title: story.title } : null} onClose={() => setAdopting(false)} />
    </Drawer>
  );
}
