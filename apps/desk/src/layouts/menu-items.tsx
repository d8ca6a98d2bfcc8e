import { AppstoreOutlined, AuditOutlined, BarChartOutlined, DatabaseOutlined, EditOutlined, FileTextOutlined, HomeOutlined, NotificationOutlined, SendOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Access } from '../access';
import { menuTexts } from '../locales/zh-CN';
import { countyMenuTexts } from '../locales/zh-CN/county';
import { LikeOutlined } from '@ant-design/icons';

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
  { path: '/topic-inbox', label: countyMenuTexts.topicInbox, icon: <NotificationOutlined />, visible: (a) => a.can('topicInbox.list') },
  { path: '/release-inbox', label: countyMenuTexts.releaseInbox, icon: <SendOutlined />, visible: (a) => a.can('releaseInbox.list') },
  { path: '/shared-pool', label: countyMenuTexts.sharedPool, icon: <DatabaseOutlined />, visible: (a) => a.can('sharedPool.list') },
  { path: '/adoption-feedback', label: countyMenuTexts.adoptionFeedback, icon: <LikeOutlined />, visible: (a) => a.can('adoptionFeedback.list') },
  { path: '/account', label: menuTexts.account, icon: <UserOutlined />, visible: () => true },
];

/** Icons reserved for the pages to come, so the menu looks alike across authors. */
export const MENU_ICONS = { review: <AuditOutlined />, pool: <DatabaseOutlined />, index: <AppstoreOutlined />, topics: <NotificationOutlined />, releases: <SendOutlined />, statistics: <BarChartOutlined />, users: <TeamOutlined /> };
