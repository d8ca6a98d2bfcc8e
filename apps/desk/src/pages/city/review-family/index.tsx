import { ArrowLeftOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts, familyTexts, poolTexts, queueTexts } from '../../../locales/zh-CN';
import { getFamily, mergeFamily, type Family, type FamilyMember } from '../../../services/review-queue';
import { plainText } from '../shared/story-text';
import { TextDiff } from './text-diff';
import './review-family.css';

interface MergeValues {
  title: string;
  byline: string;
}

const mergeable = (m: FamilyMember, self: string) => m.storyId !== self && m.status === 'pending' && !m.mergedInto;

/** 同题稿件: a queued story beside its near-duplicates from other counties, differences marked; merge crediting all. */
export default function ReviewFamilyPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [family, setFamily] = useState<Family | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [mergedByline, setMergedByline] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { form, submitting, submit } = useApiForm<MergeValues>();

  useEffect(() => {
    const ctrl = new AbortController();
    getFamily(me.center, id, ctrl.signal)
      .then((f) => {
        setFamily(f);
        const free = f.members.filter((m) => mergeable(m, id));
        setChosen(free.map((m) => m.storyId));
        const self = f.members.find((m) => m.storyId === id);
        if (self) form.setFieldsValue({ title: self.title, byline: [self, ...free].map((m) => m.byline).join('；') });
      })
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, id, tick, form, showError]);

  const self = family?.members.find((m) => m.storyId === id);
  const baseText = useMemo(() => (self ? plainText(self.body) : ''), [self]);
  const others = family?.members.filter((m) => m.storyId !== id) ?? [];
  const canMerge = access.can('review.merge') && self?.status === 'pending';

  const doMerge = async () => {
    const done = await submit((v) => mergeFamily(me.center, id, { members: chosen, title: v.title, byline: v.byline }));
    if (done !== undefined) {
      setMergedByline(form.getFieldValue('byline') as string);
      void message.success(familyTexts.merged);
      setTick((t) => t + 1);
    }
  };

  if (!family) return <Spin />;
  return (
    <Card
      title={familyTexts.title}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/review-queue')}>
          {familyTexts.back}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{familyTexts.intro}</Typography.Paragraph>
      {mergedByline && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={familyTexts.merged}
          description={`${familyTexts.credits}：${mergedByline}`}
          data-testid="merge-result"
        />
      )}
      {others.length === 0 && <Empty description={familyTexts.nothingToMerge} />}
      <Row gutter={16} data-testid="family-members">
        {[self, ...others]
          .filter((m): m is FamilyMember => !!m)
          .map((m) => (
            <Col key={m.storyId} span={Math.max(8, Math.floor(24 / Math.min(3, family.members.length)))}>
              <Card
                size="small"
                data-testid="family-member"
                title={
                  <Space wrap>
                    {m.storyId === id && <Tag color="blue">{familyTexts.self}</Tag>}
                    <span>{m.originName}</span>
                    <Tag>{queueTexts.statusLabels[m.status] ?? m.status}</Tag>
                    {m.mergedInto && <Tag color="purple">{familyTexts.mergedInto}</Tag>}
                  </Space>
                }
                extra={
                  canMerge && mergeable(m, id) ? (
                    <Checkbox
                      checked={chosen.includes(m.storyId)}
                      onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.storyId] : c.filter((x) => x !== m.storyId)))}
                    >
                      {familyTexts.select}
                    </Checkbox>
                  ) : (
                    <Typography.Text type="secondary">{familyTexts.distance(m.distance)}</Typography.Text>
                  )
                }
              >
                <Typography.Title level={5}>{m.storyId === id ? m.title : <TextDiff base={self?.title ?? ''} text={m.title} />}</Typography.Title>
                <Typography.Paragraph type="secondary">
                  {poolTexts.byline}：{m.byline}
                </Typography.Paragraph>
                <div className="family-body">
                  {m.storyId === id ? <span style={{ whiteSpace: 'pre-wrap' }}>{baseText}</span> : <TextDiff base={baseText} text={plainText(m.body)} />}
                </div>
              </Card>
            </Col>
          ))}
      </Row>
      {canMerge && others.some((m) => mergeable(m, id)) && (
        <Form form={form} layout="vertical" style={{ marginTop: 24, maxWidth: 720 }} data-testid="merge-form">
          <Form.Item name="title" label={familyTexts.mergeTitle} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="byline" label={familyTexts.mergeByline} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Popconfirm title={familyTexts.mergeConfirm} onConfirm={doMerge} okText={familyTexts.merge} cancelText={commonTexts.cancel}>
            <Button type="primary" icon={<MergeCellsOutlined />} loading={submitting} disabled={chosen.length === 0}>
              {familyTexts.merge}
            </Button>
          </Popconfirm>
        </Form>
      )}
    </Card>
  );
}
