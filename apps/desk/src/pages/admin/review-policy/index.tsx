import { App, Alert, Button, Card, Form, Radio, Skeleton, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { reviewPolicyTexts as T } from '../../../locales/zh-CN/admin';
import { getReviewPolicy, setReviewPolicy, type ReviewPolicy } from '../../../services/admin';

/** 审核设置: how many review steps (二审 or 三审) the center's stories pass before they go up. */
export default function ReviewPolicyPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const [policy, setPolicy] = useState<ReviewPolicy | null>(null);
  const { form, submitting, submit } = useApiForm<{ steps: 2 | 3 }>({ labels: { steps: T.steps } });

  useEffect(() => {
    const ctrl = new AbortController();
    getReviewPolicy(me.center, ctrl.signal)
      .then((p) => {
        setPolicy(p);
        form.setFieldsValue({ steps: p.steps });
      })
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, form, showError]);

  const save = async () => {
    const p = await submit((v) => setReviewPolicy(me.center, v.steps));
    if (!p) return;
    setPolicy(p);
    void message.success(T.saved);
  };

  if (!policy)
    return (
      <Card title={T.title}>
        <Skeleton active />
      </Card>
    );
  return (
    <Card title={T.title}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>
            {T.sequence}
            {policy.isDefault && T.isDefault}
          </Typography.Text>
          <Steps
            style={{ marginTop: 12, maxWidth: 560 }}
            size="small"
            current={policy.sequence.length}
            items={policy.sequence.map((s) => ({ title: s.label }))}
          />
          {policy.updatedBy && policy.updatedAt && (
            <Typography.Text type="secondary">{T.updatedBy(policy.updatedBy, dayjs(policy.updatedAt).format('YYYY-MM-DD HH:mm'))}</Typography.Text>
          )}
        </div>
        {access.can('countyReview.setPolicy') && (
          <Form form={form} layout="vertical" name="review-policy">
            <Form.Item name="steps" label={T.steps}>
              <Radio.Group
                options={[
                  { value: 2, label: T.two },
                  { value: 3, label: T.three },
                ]}
              />
            </Form.Item>
            <Alert type="info" showIcon title={T.note} style={{ marginBottom: 16, maxWidth: 560 }} />
            <Button type="primary" loading={submitting} onClick={save}>
              {commonTexts.save}
            </Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}
