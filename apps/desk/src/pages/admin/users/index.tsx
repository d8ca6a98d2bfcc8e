import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useApiForm } from '../../../hooks/use-api-form';
import { useShowError } from '../../../hooks/use-api-error';
import { useAccess, useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { roleOptions, usersTexts as T } from '../../../locales/zh-CN/admin';
import { formTexts } from '../../../locales/zh-CN/province';
import { createUser, listUsers, setUserPassword, updateUser, type NewUser, type UserAccount } from '../../../services/admin';
import { listHostedCenters } from '../../../services/auth';
import type { CenterInfo } from '../../../services/types';

/** Roles an account may hold at each level (docs/roles.md). */
const ROLES_AT: Record<string, string[]> = {
  county: ['reporter', 'editor', 'chief-editor', 'admin'],
  city: ['reporter', 'editor', 'chief-editor', 'curator', 'admin'],
  province: ['reporter', 'editor', 'chief-editor', 'desk-editor', 'admin'],
};

/**
 * The admin's own center and the centers below it that this app serves: a center hosted by
 * another app is managed on that app's desk (same account, the tree says it is below).
 */
function centersBelow(own: string, hosted: CenterInfo[]): CenterInfo[] {
  const byCode = new Map(hosted.map((c) => [c.code, c]));
  const below = (c: CenterInfo): boolean => c.code === own || (!!c.parent && (c.parent === own || (byCode.has(c.parent) && below(byCode.get(c.parent)!))));
  return hosted.filter(below);
}

/** 用户管理: accounts of the center and the centers below; create, rename, change role, disable/enable, reset password. */
export default function UsersPage() {
  const me = useMe();
  const access = useAccess();
  const showError = useShowError();
  const { message } = App.useApp();
  const [centers, setCenters] = useState<CenterInfo[]>([me.centerInfo]);
  const [center, setCenter] = useState(me.center);
  const [items, setItems] = useState<UserAccount[]>([]);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<UserAccount | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const level = centers.find((c) => c.code === center)?.level ?? me.centerInfo.level;
  const roles = useMemo(() => roleOptions.filter((r) => ROLES_AT[level]?.includes(r.value)), [level]);

  useEffect(() => {
    listHostedCenters()
      .then((r) => {
        const mine = centersBelow(me.center, r.items);
        if (mine.length) setCenters(mine);
      })
      .catch(() => undefined);
  }, [me.center]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listUsers(center, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [center, tick, showError]);

  const toggle = async (u: UserAccount) => {
    try {
      await updateUser(center, u.id, { disabled: !u.disabled });
      void message.success(T.updated);
      setTick((t) => t + 1);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={T.title}
      extra={
        <Space>
          {centers.length > 1 && (
            <Select
              style={{ width: 200 }}
              value={center}
              onChange={setCenter}
              aria-label={T.center}
              options={centers.map((c) => ({ value: c.code, label: c.name }))}
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            {commonTexts.refresh}
          </Button>
          {access.can('users.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {T.create}
            </Button>
          )}
        </Space>
      }
    >
      <div data-testid="users-table">
        <Table<UserAccount>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: commonTexts.empty }}
          columns={[
            { title: T.username, dataIndex: 'username', width: 140 },
            { title: T.displayName, dataIndex: 'displayName' },
            { title: T.role, dataIndex: 'roleLabel', width: 150 },
            {
              title: T.status,
              dataIndex: 'disabled',
              width: 90,
              render: (d: boolean) => <Tag color={d ? 'default' : 'green'}>{d ? T.disabled : T.enabled}</Tag>,
            },
            { title: T.createdAt, dataIndex: 'createdAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            {
              title: commonTexts.actions,
              key: 'actions',
              width: 260,
              render: (_: unknown, u) =>
                access.can('users.update') && (
                  <Space>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                      {T.edit}
                    </Button>
                    {u.id !== me.userId &&
                      (u.disabled ? (
                        <Button size="small" onClick={() => toggle(u)}>
                          {T.enable}
                        </Button>
                      ) : (
                        <Popconfirm title={T.disableConfirm(u.displayName)} okText={T.disable} cancelText={commonTexts.cancel} onConfirm={() => toggle(u)}>
                          <Button size="small" danger>
                            {T.disable}
                          </Button>
                        </Popconfirm>
                      ))}
                    {access.can('users.setPassword') && (
                      <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
                        {T.resetPassword}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </div>
      {editing && (
        <UserModal
          center={center}
          user={editing === 'new' ? null : editing}
          roles={roles}
          onClose={() => setEditing(null)}
          onSaved={() => setTick((t) => t + 1)}
        />
      )}
      {resetting && <PasswordModal center={center} user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}

function UserModal({
  center,
  user,
  roles,
  onClose,
  onSaved,
}: {
  center: string;
  user: UserAccount | null;
  roles: { value: string; label: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const { message } = App.useApp();
  const { form, submitting, submit } = useApiForm<NewUser>({
    labels: { username: T.username, displayName: T.displayName, role: T.role, password: T.passwordLabel },
  });
  const ok = async () => {
    const r = await submit((v) => (user ? updateUser(center, user.id, { displayName: v.displayName, role: v.role }) : createUser(center, v)));
    if (!r) return;
    void message.success(user ? T.updated : T.created);
    onSaved();
    onClose();
  };
  return (
    <Modal
      open
      title={user ? `${T.edit}：${user.username}` : T.create}
      okText={commonTexts.save}
      cancelText={commonTexts.cancel}
      confirmLoading={submitting}
      onOk={ok}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" name="user" initialValues={user ? { displayName: user.displayName, role: user.role } : undefined}>
        {!user && (
          <Form.Item name="username" label={T.username} rules={[{ required: true, message: formTexts.input(T.username) }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={T.displayName} rules={[{ required: true, message: formTexts.input(T.displayName) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={T.role} rules={[{ required: true, message: formTexts.pick(T.role) }]}>
          <Select options={roles} />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={T.password} rules={[{ required: true, message: formTexts.input(T.password) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function PasswordModal({ center, user, onClose }: { center: string; user: UserAccount; onClose(): void }) {
  const { message } = App.useApp();
  const { form, submitting, submit } = useApiForm<{ password: string }>({ labels: { password: T.passwordLabel } });
  const ok = async () => {
    const r = await submit((v) => setUserPassword(center, user.id, v.password).then(() => true));
    if (!r) return;
    void message.success(T.passwordSet);
    onClose();
  };
  return (
    <Modal
      open
      title={`${T.resetPassword}：${user.displayName}`}
      okText={commonTexts.save}
      cancelText={commonTexts.cancel}
      confirmLoading={submitting}
      onOk={ok}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" name="password">
        <Form.Item name="password" label={T.newPassword} rules={[{ required: true, message: formTexts.input(T.newPassword) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
