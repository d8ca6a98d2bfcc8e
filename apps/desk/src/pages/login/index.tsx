import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useApiForm } from '../../hooks/use-api-form';
import { useSession } from '../../hooks/use-session';
import { commonTexts, levelTexts, loginTexts } from '../../locales/zh-CN';
import { ApiError } from '../../services/api-error';
import { listHostedCenters, login } from '../../services/auth';
import type { CenterInfo } from '../../services/types';
import './login.css';

interface LoginValues {
  center: string;
  username: string;
  password: string;
}

/** Sign-in: choose one of the centers this app serves, then username and password. */
export default function LoginPage() {
  const { me, reload } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const { form, submitting, submit } = useApiForm<LoginValues>();
  const [centers, setCenters] = useState<CenterInfo[]>([]);
  const [centersFailed, setCentersFailed] = useState(false);

  useEffect(() => {
    listHostedCenters()
      .then((r) => {
        setCenters(r.items);
        if (r.items.length === 1) form.setFieldValue('center', r.items[0]!.code);
      })
      .catch(() => setCentersFailed(true));
  }, [form]);

  if (me) return <Navigate to={from} replace />;

  const onFinish = () =>
    submit(async (v) => {
      try {
        await login(v.center, v.username, v.password);
      } catch (e) {
        // Wrong password and unknown user get the same 401: say so next to the password.
        if (e instanceof ApiError && e.status === 401) {
          form.setFields([{ name: 'password', errors: [loginTexts.wrongPassword] }]);
          return;
        }
        throw e;
      }
      await reload();
      void navigate(from, { replace: true });
    });

  return (
    <div className="login-page">
      <Card className="login-page__card">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {commonTexts.appName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {loginTexts.title}
        </Typography.Paragraph>
        {centersFailed && <Alert type="error" showIcon message={loginTexts.centersFailed} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} name="login">
          <Form.Item name="center" label={loginTexts.center} rules={[{ required: true, message: loginTexts.centerPlaceholder }]}>
            <Select
              placeholder={loginTexts.centerPlaceholder}
              options={centers.map((c) => ({ value: c.code, label: `${c.name}（${levelTexts[c.level]}）` }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="username" label={loginTexts.username} rules={[{ required: true, message: loginTexts.required(loginTexts.username) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={loginTexts.password} rules={[{ required: true, message: loginTexts.required(loginTexts.password) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {commonTexts.signIn}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
