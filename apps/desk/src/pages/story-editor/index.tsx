import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Skeleton, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { MediaUploader } from '../../components/media-uploader';
import type { RichTextEditorProps } from '../../components/rich-text-editor';
import { StatusTag } from '../../components/status-tag';
import { useShowError } from '../../hooks/use-api-error';
import { useApiForm } from '../../hooks/use-api-form';
import { useAccess, useMe } from '../../hooks/use-session';
import { commonTexts, fieldLabels, mediaTexts, storyTexts } from '../../locales/zh-CN';
import { editorMetaTexts } from '../../locales/zh-CN/county';
import { createStory, getStory, submitStory, updateStory } from '../../services/stories';
import type { Story, StoryInput } from '../../services/types';

/** The form's values: the story's fields plus the metadata the desk edits in its own shape. */
interface EditorValues extends StoryInput {
  correspondents?: string[];
  embargo?: Dayjs | null;
}

// TipTap and ProseMirror are the heaviest part of the desk: their own chunk, loaded with this page.
const RichTextEditor = lazy(() => import('../../components/rich-text-editor'));

/** Form.Item hands value/onChange to its direct child, so the Suspense boundary lives in here. */
function BodyField(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
      <RichTextEditor {...props} />
    </Suspense>
  );
}

const EDITABLE = new Set(['draft', 'returned']);

/** 写稿 / 编辑稿件: a draft's fields; the server's validation errors appear next to each field in Chinese. */
export default function StoryEditorPage() {
  const { id } = useParams<{ id: string }>();
  // 写稿响应: the topic inbox opens the editor with ?topic=<id>; the new story answers that topic.
  const [params] = useSearchParams();
  const topicId = params.get('topic') ?? undefined;
  const topicTitle = params.get('topicTitle') ?? undefined;
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const { form, submitting, submit } = useApiForm<EditorValues>();
  const [story, setStory] = useState<Story | null>(null);
  const [loading, setLoading] = useState(!!id);

  useEffect(() => {
    if (!id) {
      form.setFieldsValue({ byline: me.name });
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    getStory(me.center, id, ctrl.signal)
      .then((s) => {
        setStory(s);
        form.setFieldsValue({
          title: s.title,
          summary: s.summary ?? '',
          body: s.body,
          byline: s.byline,
          category: s.category,
          tags: s.tags,
          correspondents: s.authors.filter((a) => a.role === 'correspondent').map((a) => a.name),
          embargo: s.embargoUntil ? dayjs(s.embargoUntil) : null,
          mediaRefs: s.mediaRefs ?? [],
        });
      })
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [id, me.center, me.name, form, showError]);

  const editable = !story || (EDITABLE.has(story.status) && !story.withdrawnAt);

  const save = () =>
    submit(async (v) => {
      // Untouched inputs are undefined; send them empty so the server names the one rule they break.
      const byline = v.byline ?? '';
      const input: StoryInput = {
        title: v.title ?? '',
        summary: v.summary || null,
        body: v.body ?? '',
        byline,
        category: v.category ?? '',
        tags: v.tags ?? [],
        // 通讯员 are credited as authors next to the byline's writer, so adoption and points reach them too.
        authors: [...(byline ? [{ name: byline, role: 'reporter' }] : []), ...(v.correspondents ?? []).map((name) => ({ name, role: 'correspondent' }))],
        embargoUntil: v.embargo ? v.embargo.toISOString() : null,
        mediaRefs: (v.mediaRefs ?? []).map((r) => ({ url: r.url, kind: r.kind, ...(r.caption ? { caption: r.caption } : {}) })),
        ...(!story && topicId ? { topicId } : {}),
      };
      if (story) {
        setStory(await updateStory(me.center, story.id, input));
        void message.success(commonTexts.saved);
      } else {
        const created = await createStory(me.center, input);
        void message.success(storyTexts.created);
        void navigate(`/stories/${created.id}/edit`, { replace: true });
      }
    });

  const submitUp = async () => {
    if (!story) return;
    try {
      setStory(await submitStory(me.center, story.id));
      void message.success(storyTexts.submitted);
    } catch (e) {
      showError(e);
    }
  };

  if (loading)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  return (
    <Card
      title={story ? storyTexts.editTitle : storyTexts.newTitle}
      extra={story && <StatusTag status={story.status} label={story.statusLabel} withdrawn={!!story.withdrawnAt} />}
    >
      {!editable && <Alert type="info" showIcon title={storyTexts.notEditable} style={{ marginBottom: 16 }} />}
      {!story && topicId && (
        <Alert type="success" showIcon title={editorMetaTexts.answering(topicTitle ?? topicId)} style={{ marginBottom: 16 }} data-testid="answering-topic" />
      )}
      <Form form={form} layout="vertical" disabled={!editable} name="story">
        <Form.Item name="title" label={fieldLabels.title}>
          <Input placeholder={fieldLabels.title} data-testid="story-title" />
        </Form.Item>
        <Form.Item name="summary" label={fieldLabels.summary}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Space size="large" style={{ display: 'flex' }} align="start">
          <Form.Item name="byline" label={fieldLabels.byline} style={{ minWidth: 280 }}>
            <Input data-testid="story-byline" />
          </Form.Item>
          <Form.Item name="category" label={fieldLabels.category} style={{ minWidth: 200 }}>
            <Input data-testid="story-category" />
          </Form.Item>
          <Form.Item name="correspondents" label={editorMetaTexts.correspondents} style={{ minWidth: 240 }}>
            <Select mode="tags" placeholder={editorMetaTexts.correspondentsPlaceholder} data-testid="story-correspondents" />
          </Form.Item>
        </Space>
        <Space size="large" style={{ display: 'flex' }} align="start">
          <Form.Item name="tags" label={fieldLabels.tags} style={{ minWidth: 360 }}>
            <Select mode="tags" placeholder={editorMetaTexts.tagsPlaceholder} data-testid="story-tags" />
          </Form.Item>
          <Form.Item name="embargo" label={fieldLabels.embargoUntil} style={{ minWidth: 220 }}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" placeholder={editorMetaTexts.embargoPlaceholder} />
          </Form.Item>
        </Space>
        <Form.Item name="body" label={fieldLabels.body}>
          <BodyField />
        </Form.Item>
        <Form.Item name="mediaRefs" label={mediaTexts.title}>
          <MediaUploader center={me.center} disabled={!editable} />
        </Form.Item>
      </Form>
      <Space>
        {access.canWriteStory && editable && (
          <Button type="primary" icon={<SaveOutlined />} loading={submitting} onClick={() => void save()}>
            {commonTexts.save}
          </Button>
        )}
        {story && access.canSubmitStory && editable && (
          <Popconfirm title={storyTexts.submitConfirm} onConfirm={submitUp} okText={storyTexts.submit} cancelText={commonTexts.cancel}>
            <Button icon={<SendOutlined />}>{storyTexts.submit}</Button>
          </Popconfirm>
        )}
        {story && (
          <Button onClick={() => navigate(`/stories/${story.id}`)} data-testid="story-open-detail">
            {editorMetaTexts.detail}
          </Button>
        )}
        <Button onClick={() => navigate('/stories')}>{commonTexts.back}</Button>
      </Space>
    </Card>
  );
}
