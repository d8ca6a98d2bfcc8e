import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { DeskLayout } from './layouts/desk-layout';
import { RequireAccess } from './layouts/require-access';

// Every page is its own chunk: the first load carries only the frame and the sign-in page.
const LoginPage = lazy(() => import('./pages/login'));
const HomePage = lazy(() => import('./pages/home'));
const AccountPage = lazy(() => import('./pages/account'));
const StoriesPage = lazy(() => import('./pages/stories'));
const StoryEditorPage = lazy(() => import('./pages/story-editor'));
const ReviewQueuePage = lazy(() => import('./pages/city/review-queue'));
const ReviewFamilyPage = lazy(() => import('./pages/city/review-family'));
const PoolPage = lazy(() => import('./pages/city/pool'));
const PoolStoryPage = lazy(() => import('./pages/city/pool-story'));
const TopicsPage = lazy(() => import('./pages/city/topics'));
const ReleasesPage = lazy(() => import('./pages/city/releases'));
const AdoptionsPage = lazy(() => import('./pages/city/adoptions'));
const DeliveriesPage = lazy(() => import('./pages/city/deliveries'));
const NotFoundPage = lazy(() => import('./pages/not-found'));

/** The desk's routes (relative to /desk). A page author adds a route here and an entry in layouts/menu-items.tsx. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<DeskLayout />}>
        <Route index element={<HomePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="stories" element={<RequireAccess allow={(a) => a.canListStories}><StoriesPage /></RequireAccess>} />
        <Route path="stories/new" element={<RequireAccess allow={(a) => a.canWriteStory}><StoryEditorPage /></RequireAccess>} />
        <Route path="stories/:id/edit" element={<RequireAccess allow={(a) => a.canListStories}><StoryEditorPage /></RequireAccess>} />
        <Route path="review-queue" element={<RequireAccess allow={(a) => a.canReviewQueue}><ReviewQueuePage /></RequireAccess>} />
        <Route path="review-queue/:id/family" element={<RequireAccess allow={(a) => a.can('review.family')}><ReviewFamilyPage /></RequireAccess>} />
        <Route path="pool" element={<RequireAccess allow={(a) => a.canPool}><PoolPage /></RequireAccess>} />
        <Route path="pool/:id" element={<RequireAccess allow={(a) => a.can('pool.get')}><PoolStoryPage /></RequireAccess>} />
        <Route path="topics" element={<RequireAccess allow={(a) => a.canTopics}><TopicsPage /></RequireAccess>} />
        <Route path="releases" element={<RequireAccess allow={(a) => a.canReleases}><ReleasesPage /></RequireAccess>} />
        <Route path="adoptions" element={<RequireAccess allow={(a) => a.can('adoption.list')}><AdoptionsPage /></RequireAccess>} />
        <Route path="deliveries" element={<RequireAccess allow={(a) => a.can('deliveries.list')}><DeliveriesPage /></RequireAccess>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
