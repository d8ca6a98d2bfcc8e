import { ArrowLeftOutlined, LikeOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { HeldStoryMedia } from '../../../components/story-media';
import { channelOptions, commonTexts, mediaTexts, poolTexts } from '../../../locales/zh-CN';
import { adoptStory } from '../../../services/distribution';
import { editPoolStory, getPoolStory, poolAudit, recommendPoolStory, type PoolStory } from '../../../services/pool';
import { AuditTrail } from '../shared/audit-trail';
import { StoryBody } from '../shared/story-body';

interface CurationValues {
  title: string;
  summary: string;
  tags: string[];
}

/** One pooled story: the hub's packaging beside the origin's, 推荐 to the province, 选用, and its audit trail. */
export default function PoolStoryPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [story, setStory] = useState<PoolStory | null>(null);
  const [dialog, setDialog] = useState<'recommend' | 'adopt' | null>(null);
  const curation = useApiForm<CurationValues>();
  const recommend = useApiForm<{ note: string }>();
  const adopt = useApiForm<{ channels: string[] }>();
  const loadAudit = useCallback((signal: AbortSignal) => poolAudit(me.center, id, signal), [me.center, id]);

  const show = useCallback(
    (s: PoolStory) => {
      setStory(s);
      curation.form.setFieldsValue({ title: s.title, summary: s.summary ?? '', tags: s.tags });
    },
    [curation.form],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    getPoolStory(me.center, id, ctrl.signal).then(show).catch(showError);
    return () => ctrl.abort();
  }, [me.center, id, show, showError]);

  if (!story) return <Spin />;
  const canEdit = access.can('pool.edit');

  const saveCuration = async () => {
    const s = await curation.submit((v) => editPoolStory(me.center, id, { title: v.title, summary: v.summary ?? '', tags: v.tags ?? [] }));
    if (s) {
      show(s);
      void message.success(poolTexts.curated2);
    }
  };
  const sendRecommendation = async () => {
    const r = await recommend.submit((v) => recommendPoolStory(me.center, id, { note: v.note }));
    if (r !== undefined) {
      setDialog(null);
      void message.success(poolTexts.recommendDone);
      show(await getPoolStory(me.center, id));
    }
  };
  const sendAdoption = async () => {
    const r = await adopt.submit((v) => adoptStory(me.center, { storyId: id, channels: v.channels }));
    if (r !== undefined) {
      setDialog(null);
      void message.success(poolTexts.adopted);
    }
  };

  return (
    <Card
      title={story.title}
      extra={
        <Space>
          {access.can('pool.recommend') && !story.recommendation && (
            <Button icon={<LikeOutlined />} onClick={() => setDialog('recommend')}>
              {poolTexts.recommend}
            </Button>
          )}
          {access.can('adoption.adopt') && (
            <Button icon={<SendOutlined />} onClick={() => setDialog('adopt')}>
              {poolTexts.adopt}
            </Button>
          )}
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/pool')}>
            {commonTexts.back}
          </Button>
        </Space>
      }
    >
      {story.recommendation && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={poolTexts.recommendedBy(story.recommendation.recommendedBy, dayjs(story.recommendation.recommendedAt).format('YYYY-MM-DD HH:mm'))}
          description={story.recommendation.note}
        />
      )}
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={poolTexts.byline}>{story.byline}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.category}>{story.category}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.pooledAt}>{dayjs(story.pooledAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.pooledBy}>{story.pooledBy}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.edition}>{story.edition}</Descriptions.Item>
        {story.editedBy && <Descriptions.Item label={poolTexts.editedBy}>{story.editedBy}</Descriptions.Item>}
      </Descriptions>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title={canEdit ? poolTexts.curateTitle : poolTexts.curatedText} data-testid="curation">
            <Form form={curation.form} layout="vertical" disabled={!canEdit}>
              <Form.Item name="title" label={poolTexts.headline} rules={[{ required: true, whitespace: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="summary" label={poolTexts.summary}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="tags" label={poolTexts.tags}>
                <Select mode="tags" open={false} suffixIcon={null} aria-label={poolTexts.tags} />
              </Form.Item>
              {canEdit && (
                <Button type="primary" loading={curation.submitting} onClick={saveCuration}>
                  {commonTexts.save}
                </Button>
              )}
            </Form>
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={poolTexts.origText} data-testid="original">
            <Typography.Title level={5}>{story.original.title ?? story.title}</Typography.Title>
            <Typography.Paragraph type="secondary">{story.original.summary ?? story.summary}</Typography.Paragraph>
            <div>
              {(story.original.tags ?? story.tags).map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          { key: 'body', label: poolTexts.body, children: <StoryBody html={story.body} /> },
          { key: 'media', label: mediaTexts.library, children: <HeldStoryMedia center={me.center} storyId={story.id} /> },
          ...(access.can('pool.audit') ? [{ key: 'audit', label: poolTexts.audit, children: <AuditTrail load={loadAudit} /> }] : []),
        ]}
      />
      <Modal
        open={dialog === 'recommend'}
        title={poolTexts.recommend}
        onOk={sendRecommendation}
        confirmLoading={recommend.submitting}
        onCancel={() => setDialog(null)}
        okText={poolTexts.recommend}
        cancelText={commonTexts.cancel}
        forceRender
      >
        <Form form={recommend.form} layout="vertical">
          <Form.Item name="note" label={poolTexts.recommendNote} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} placeholder={poolTexts.recommendPlaceholder} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'adopt'}
        title={poolTexts.adopt}
        onOk={sendAdoption}
        confirmLoading={adopt.submitting}
        onCancel={() => setDialog(null)}
        okText={poolTexts.adopt}
        cancelText={commonTexts.cancel}
        forceRender
      >
        <Form form={adopt.form} layout="vertical">
          <Form.Item name="channels" label={poolTexts.channels} rules={[{ required: true }]}>
            <Select
              mode="tags"
              placeholder={poolTexts.channelsPlaceholder}
              options={channelOptions.map((c) => ({ value: c, label: c }))}
              aria-label={poolTexts.channels}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
