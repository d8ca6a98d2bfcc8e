import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes';
import { SessionProvider } from './hooks/use-session';

dayjs.locale('zh-cn');

/** Chinese locale for antd and dates, the session, and the router under /desk. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6 } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter basename="/desk">
            <Suspense fallback={<Spin size="large" fullscreen />}>
              <AppRoutes />
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
