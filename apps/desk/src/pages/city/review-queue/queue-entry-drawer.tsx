import { AuditOutlined, ClusterOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Descriptions, Drawer, Form, Input, Radio, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { poolTexts, queueTexts, reasonTemplates } from '../../../locales/zh-CN';
import { claimStory, decideStory, queueAudit, releaseStory, type Decision, type QueueEntry } from '../../../services/review-queue';
import { AuditTrail } from '../shared/audit-trail';
import { ClaimCountdown } from '../shared/claim-countdown';
import { StoryBody } from '../shared/story-body';

interface DecisionValues {
  decision: Decision;
  reason?: string;
}

/** One queued story: its full text, its claim, and the curator's decision with a reason from the templates. */
export function QueueEntryDrawer({ entry, onClose, onChanged }: { entry: QueueEntry | null; onClose(): void; onChanged(e: QueueEntry | null): void }) {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const { form, submitting, submit } = useApiForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const [busy, setBusy] = useState(false);
  const loadAudit = useCallback((signal: AbortSignal) => queueAudit(me.center, entry!.storyId, signal), [me.center, entry]);

  if (!entry) return null;
  const pending = entry.status === 'pending';
  const mine = entry.claim?.claimedBy === me.userId;
  const others = !!entry.claim && !mine;

  const claimAction = async (release: boolean) => {
    setBusy(true);
    try {
      if (release) await releaseStory(me.center, entry.storyId);
      else await claimStory(me.center, entry.storyId);
      void message.success(release ? queueTexts.released : queueTexts.claimed);
      onChanged(null);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const decide = async () => {
    const done = await submit((v) => decideStory(me.center, entry.storyId, { decision: v.decision, reason: v.reason?.trim() || undefined }));
    if (done !== undefined) {
      void message.success(queueTexts.decided[form.getFieldValue('decision') as string]);
      form.resetFields();
      onChanged(null);
      onClose();
    }
  };

  const s = entry.story;
  return (
    <Drawer open width={820} title={entry.title} onClose={onClose} destroyOnHidden data-testid="queue-drawer">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={queueTexts.origin}>{entry.originName}</Descriptions.Item>
        <Descriptions.Item label={queueTexts.version}>v{entry.version}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.byline}>{s.byline}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.category}>{s.category}</Descriptions.Item>
        <Descriptions.Item label={queueTexts.receivedAt}>{dayjs(entry.receivedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        <Descriptions.Item label={poolTexts.tags}>
          {s.tags.map((t) => (
            <Tag key={t}>{t}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ margin: '16px 0' }} wrap>
        <Tag color={pending ? 'processing' : 'default'}>{queueTexts.statusLabels[entry.status]}</Tag>
        {pending && <ClaimCountdown claim={entry.claim} mine={mine} />}
        {entry.resubmission && <Tag color="warning">{queueTexts.resubmitted(entry.resubmission.previousVersion)}</Tag>}
        {pending && access.can('review.claim') && !others && (
          <Button icon={<LockOutlined />} loading={busy} onClick={() => claimAction(false)}>
            {mine ? queueTexts.claimAgain : queueTexts.claim}
          </Button>
        )}
        {pending && access.can('review.release') && mine && (
          <Button icon={<UnlockOutlined />} loading={busy} onClick={() => claimAction(true)}>
            {queueTexts.release}
          </Button>
        )}
        {entry.family && access.can('review.family') && (
          <Button icon={<ClusterOutlined />} onClick={() => navigate(`/review-queue/${entry.storyId}/family`)}>
            {queueTexts.family(entry.family.members.length - 1)}
          </Button>
        )}
      </Space>
      {!pending && entry.reason && <Typography.Paragraph type="secondary">{entry.reason}</Typography.Paragraph>}
      {pending && access.can('review.decide') && !others && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ decision: 'accept' }}
          data-testid="decision-form"
          style={{ background: '#fafafa', padding: 16, borderRadius: 8, marginBottom: 16 }}
        >
          <Form.Item name="decision" label={queueTexts.decision}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              onChange={() => form.setFields([{ name: 'reason', errors: [] }])}
              options={[
                { value: 'accept', label: queueTexts.accept },
                { value: 'return', label: queueTexts.return },
                { value: 'reject', label: queueTexts.reject },
              ]}
            />
          </Form.Item>
          {decision && decision !== 'accept' && (
            <Form.Item name="reason" label={queueTexts.reason} rules={[{ required: true, whitespace: true, message: queueTexts.reasonRequired }]}>
              <AutoComplete options={reasonTemplates[decision].map((r) => ({ value: r }))}>
                <Input.TextArea rows={2} placeholder={queueTexts.reasonPlaceholder} aria-label={queueTexts.reason} />
              </AutoComplete>
            </Form.Item>
          )}
          <Button type="primary" loading={submitting} onClick={decide}>
            {queueTexts.decide}
          </Button>
        </Form>
      )}
      <Tabs
        items={[
          {
            key: 'text',
            label: queueTexts.fullText,
            children: (
              <>
                {s.summary && <Typography.Paragraph type="secondary">{s.summary}</Typography.Paragraph>}
                <StoryBody html={s.body} />
              </>
            ),
          },
          ...(access.can('review.audit')
            ? [
                {
                  key: 'audit',
                  label: (
                    <span>
                      <AuditOutlined /> {queueTexts.audit}
                    </span>
                  ),
                  children: <AuditTrail load={loadAudit} />,
                },
              ]
            : []),
        ]}
      />
    </Drawer>
  );
}
