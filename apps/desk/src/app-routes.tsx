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
const NotFoundPage = lazy(() => import('./pages/not-found'));
const StoryDetailPage = lazy(() => import('./pages/county/story-detail'));
const TopicInboxPage = lazy(() => import('./pages/county/topic-inbox'));
const ReleaseInboxPage = lazy(() => import('./pages/county/release-inbox'));
const SharedPoolPage = lazy(() => import('./pages/county/shared-pool'));
const AdoptionFeedbackPage = lazy(() => import('./pages/county/adoption-feedback'));

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
        <Route path="stories/:id" element={<RequireAccess allow={(a) => a.can('story.get')}><StoryDetailPage /></RequireAccess>} />
        <Route path="topic-inbox" element={<RequireAccess allow={(a) => a.can('topicInbox.list')}><TopicInboxPage /></RequireAccess>} />
        <Route path="release-inbox" element={<RequireAccess allow={(a) => a.can('releaseInbox.list')}><ReleaseInboxPage /></RequireAccess>} />
        <Route path="shared-pool" element={<RequireAccess allow={(a) => a.can('sharedPool.list')}><SharedPoolPage /></RequireAccess>} />
        <Route path="adoption-feedback" element={<RequireAccess allow={(a) => a.can('adoptionFeedback.list')}><AdoptionFeedbackPage /></RequireAccess>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
