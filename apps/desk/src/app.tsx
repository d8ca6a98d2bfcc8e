import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes';
import { useReducedMotion } from './hooks/use-reduced-motion';
import { SessionProvider } from './hooks/use-session';

dayjs.locale('zh-cn');

/** Chinese faces first for each platform the desks run on (Windows, macOS, Linux). */
const FONT_FAMILY =
  "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

/**
 * Chinese locale for antd and dates, the session, and the router under /desk. Lists, dialogs and
 * messages stop sliding and fading when the system asks for reduced motion.
 */
export function App() {
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6, fontFamily: FONT_FAMILY, motion: !reducedMotion } }}>
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
