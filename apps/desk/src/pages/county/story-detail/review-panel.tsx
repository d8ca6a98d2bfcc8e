import { Alert, App, Button, Form, Input, Modal, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { countyFieldLabels, storyPageTexts } from '../../../locales/zh-CN/county';
import { sendBack, signReview } from '../../../services/county';
import type { CountyStory, ReviewStep } from '../../../services/county-types';

const T = storyPageTexts.review;
const STEP_LABELS: Record<ReviewStep, string> = { first: '初审', second: '复审', final: '终审' };

/** 三审: each step with who signed it and when; the next step's signer signs or sends it back here. */
export function ReviewPanel({ story, onChange }: { story: CountyStory; onChange: (s: CountyStory) => void }) {
  const me = useMe();
  const access = useAccess();
  const { message } = App.useApp();
  const review = story.review;
  const [signing, setSigning] = useState(false);
  const [backOpen, setBackOpen] = useState(false);
  const signForm = useApiForm<{ note?: string }>({ labels: countyFieldLabels });
  const backForm = useApiForm<{ reason: string }>({ labels: countyFieldLabels });
  if (!review) return null;

  const steps: ReviewStep[] = review.policySteps === 2 ? ['first', 'final'] : ['first', 'second', 'final'];
  const awaiting = review.awaiting;
  const current = awaiting ? steps.indexOf(awaiting.step) : steps.length;
  // The server decides who may sign; the desk shows the button only to a role the step names.
  const maySign = !!awaiting && access.canSignReview && awaiting.roles.includes(me.role) && !story.withdrawnAt;
  const maySendBack = !!awaiting && access.can('countyReview.sendBack') && !story.withdrawnAt;

  const sign = () =>
    signForm.submit(async (v) => {
      const s = await signReview(me.center, story.id, awaiting!.step, v.note);
      setSigning(false);
      signForm.form.resetFields();
      void message.success(awaiting!.step === 'final' ? T.submitted : T.signed(awaiting!.label));
      onChange(s);
    });
  const back = () =>
    backForm.submit(async (v) => {
      const s = await sendBack(me.center, story.id, v.reason ?? '');
      setBackOpen(false);
      backForm.form.resetFields();
      void message.success(T.sentBack);
      onChange(s);
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text data-testid="review-stage">
        {T.stage}：{review.stageLabel}
        {story.holder?.kind === 'center' && story.status === 'submitted'
          ? `，${T.atHub(story.holder.name)}`
          : awaiting
            ? `，${T.awaiting(awaiting.label)}`
            : ''}
      </Typography.Text>
      <Steps
        data-testid="review-steps"
        current={current}
        items={steps.map((step) => {
          const signed = review.signoffs.find((x) => x.step === step);
          return {
            title: STEP_LABELS[step],
            status: signed ? 'finish' : awaiting?.step === step ? 'process' : 'wait',
            content: signed ? T.signedBy(signed.name, dayjs(signed.at).format('MM-DD HH:mm')) : T.waiting,
          };
        })}
      />
      {review.sentBackReason && story.status !== 'returned' && (
        <Alert type="warning" showIcon title={`${storyPageTexts.sentBackReason}：${review.sentBackReason}`} />
      )}
      {story.status === 'returned' && (
        <Alert type="warning" showIcon title={`${storyPageTexts.hubReason}：${story.decisionReason ?? ''}`} description={T.resubmitHint} />
      )}
      {story.status === 'rejected' && <Alert type="error" showIcon title={`${storyPageTexts.hubReason}：${story.decisionReason ?? ''}`} />}
      <Space>
        {maySign && (
          <Button type="primary" onClick={() => setSigning(true)} data-testid="review-sign">
            {awaiting!.step === 'final' ? T.signFinal : T.sign(awaiting!.label)}
          </Button>
        )}
        {maySendBack && (
          <Button danger onClick={() => setBackOpen(true)} data-testid="review-send-back">
            {T.sendBack}
          </Button>
        )}
      </Space>
      <Modal
        open={signing}
        title={awaiting ? (awaiting.step === 'final' ? T.signFinal : T.signTitle(awaiting.label)) : ''}
        onOk={() => void sign()}
        confirmLoading={signForm.submitting}
        onCancel={() => setSigning(false)}
        okText={awaiting?.step === 'final' ? T.signFinal : commonTexts.save}
        cancelText={commonTexts.cancel}
        destroyOnHidden
      >
        <Form form={signForm.form} layout="vertical" name="review-sign">
          <Form.Item name="note" label={T.note}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={backOpen}
        title={T.sendBackTitle}
        onOk={() => void back()}
        confirmLoading={backForm.submitting}
        onCancel={() => setBackOpen(false)}
        okText={T.sendBack}
        okButtonProps={{ danger: true }}
        cancelText={commonTexts.cancel}
        destroyOnHidden
      >
        <Form form={backForm.form} layout="vertical" name="review-send-back">
          <Form.Item name="reason" label={T.sendBackReason}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
