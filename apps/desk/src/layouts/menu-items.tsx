import { CheckSquareOutlined, InboxOutlined } from '@ant-design/icons';
import { AppstoreOutlined, AuditOutlined, BarChartOutlined, DatabaseOutlined, EditOutlined, FileTextOutlined, HomeOutlined, NotificationOutlined, SendOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Access } from '../access';
import { cityMenuTexts, menuTexts } from '../locales/zh-CN';

export interface MenuEntry {
  /** Route under /desk; also the menu key. */
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only when this says yes: derived from access, never from the role name. */
  visible(a: Access): boolean;
}

/**
 * The side menu. Page authors add one entry here with the page's route (see app-routes.tsx);
 * entries whose page does not exist yet stay out until that page lands.
 */
export const MENU: MenuEntry[] = [
  { path: '/', label: menuTexts.home, icon: <HomeOutlined />, visible: () => true },
  { path: '/stories', label: menuTexts.stories, icon: <FileTextOutlined />, visible: (a) => a.canListStories },
  { path: '/stories/new', label: menuTexts.newStory, icon: <EditOutlined />, visible: (a) => a.canWriteStory },
  { path: '/review-queue', label: menuTexts.reviewQueue, icon: <AuditOutlined />, visible: (a) => a.canReviewQueue },
  { path: '/pool', label: menuTexts.pool, icon: <DatabaseOutlined />, visible: (a) => a.canPool },
  { path: '/topics', label: menuTexts.topics, icon: <NotificationOutlined />, visible: (a) => a.canTopics },
  { path: '/releases', label: menuTexts.releases, icon: <SendOutlined />, visible: (a) => a.canReleases },
  { path: '/adoptions', label: cityMenuTexts.adoptions, icon: <CheckSquareOutlined />, visible: (a) => a.can('adoption.list') },
  { path: '/deliveries', label: cityMenuTexts.deliveries, icon: <InboxOutlined />, visible: (a) => a.can('deliveries.list') },
  { path: '/account', label: menuTexts.account, icon: <UserOutlined />, visible: () => true },
];

/** Icons reserved for the pages to come, so the menu looks alike across authors. */
export const MENU_ICONS = { review: <AuditOutlined />, pool: <DatabaseOutlined />, index: <AppstoreOutlined />, topics: <NotificationOutlined />, releases: <SendOutlined />, statistics: <BarChartOutlined />, users: <TeamOutlined /> };
