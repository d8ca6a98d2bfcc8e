import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  EditOutlined,
  FileTextOutlined,
  HomeOutlined,
  NotificationOutlined,
  SendOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { CheckSquareOutlined, InboxOutlined, LikeOutlined, SafetyOutlined, ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Access } from '../access';
import { cityMenuTexts, menuTexts } from '../locales/zh-CN';
import { adminMenuTexts } from '../locales/zh-CN/admin';
import { provinceMenuTexts } from '../locales/zh-CN/province';
import { countyMenuTexts } from '../locales/zh-CN/county';

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
  { path: '/review-queue', label: menuTexts.reviewQueue, icon: <AuditOutlined />, visible: (a) => a.canReviewQueue },
  { path: '/pool', label: menuTexts.pool, icon: <DatabaseOutlined />, visible: (a) => a.canPool },
  { path: '/topics', label: menuTexts.topics, icon: <NotificationOutlined />, visible: (a) => !a.canIndex && a.canTopics },
  { path: '/releases', label: menuTexts.releases, icon: <SendOutlined />, visible: (a) => !a.canIndex && a.canReleases },
  { path: '/adoptions', label: cityMenuTexts.adoptions, icon: <CheckSquareOutlined />, visible: (a) => !a.canIndex && a.can('adoption.list') },
  { path: '/deliveries', label: cityMenuTexts.deliveries, icon: <InboxOutlined />, visible: (a) => !a.canIndex && a.can('deliveries.list') },
  { path: '/province/live', label: provinceMenuTexts.liveWatch, icon: <ThunderboltOutlined />, visible: (a) => a.canIndex && a.canLiveFeed },
  { path: '/province/index', label: provinceMenuTexts.index, icon: <AppstoreOutlined />, visible: (a) => a.canIndex },
  { path: '/province/recommendations', label: provinceMenuTexts.recommendations, icon: <LikeOutlined />, visible: (a) => a.canIndex },
  { path: '/province/adoptions', label: provinceMenuTexts.adoptions, icon: <CheckSquareOutlined />, visible: (a) => a.canIndex && a.can('adoption.list') },
  { path: '/province/topics', label: provinceMenuTexts.topics, icon: <NotificationOutlined />, visible: (a) => a.canIndex && a.canTopics },
  { path: '/province/releases', label: provinceMenuTexts.releases, icon: <SendOutlined />, visible: (a) => a.canIndex && a.canReleases },
  { path: '/province/statistics', label: provinceMenuTexts.statistics, icon: <BarChartOutlined />, visible: (a) => a.canStatistics },
  { path: '/province/deliveries', label: provinceMenuTexts.deliveries, icon: <InboxOutlined />, visible: (a) => a.canIndex && a.can('deliveries.list') },
  { path: '/admin/users', label: adminMenuTexts.users, icon: <TeamOutlined />, visible: (a) => a.canManageUsers },
  { path: '/admin/review-policy', label: adminMenuTexts.reviewPolicy, icon: <SafetyOutlined />, visible: (a) => a.can('countyReview.setPolicy') },
  { path: '/admin/dead-letters', label: adminMenuTexts.deadLetters, icon: <WarningOutlined />, visible: (a) => a.can('deadLetters.list') },
  { path: '/account', label: menuTexts.account, icon: <UserOutlined />, visible: () => true },
];

/** Icons reserved for the pages to come, so the menu looks alike across authors. */
export const MENU_ICONS = {
  review: <AuditOutlined />,
  pool: <DatabaseOutlined />,
  index: <AppstoreOutlined />,
  topics: <NotificationOutlined />,
  releases: <SendOutlined />,
  statistics: <BarChartOutlined />,
  users: <TeamOutlined />,
};
