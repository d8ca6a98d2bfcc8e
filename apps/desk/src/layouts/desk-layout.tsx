import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { commonTexts, levelTexts } from '../locales/zh-CN';
import { useSession } from '../hooks/use-session';
import { MENU } from './menu-items';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: side menu by access, header with center, user, role and 退出. */
export function DeskLayout() {
  const { me, access, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  if (me === undefined) return <Spin size="large" fullscreen tip={commonTexts.loading} />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const items = MENU.filter((m) => m.visible(access)).map((m) => ({ key: m.path, icon: m.icon, label: m.label }));
  // The longest menu path that prefixes the location is the selected one (/stories/1/edit → /stories).
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname === k || location.pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 15 }}>{commonTexts.appName}</div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          onClick={(e) => navigate(e.key)}
          data-testid="side-menu"
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            <Typography.Text strong data-testid="center-name">
              {me.centerInfo.name}
            </Typography.Text>
            <Tag>{levelTexts[me.centerInfo.level]}</Tag>
          </Space>
          <Space size="middle">
            <Typography.Text data-testid="user-name">{me.name}</Typography.Text>
            <Tag color="blue" data-testid="user-role">
              {me.roleLabel}
            </Tag>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut().then(() => navigate('/login'))}>
              {commonTexts.signOut}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Suspense
            fallback={
              <Spin tip={commonTexts.loading}>
                <div style={{ minHeight: 200 }} />
              </Spin>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
