import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAccess } from './layouts/require-access';
import LoginPage from './pages/login';

// The first load carries the sign-in page and nothing a signed-in desk needs: the frame and every
// page are their own chunks, fetched once someone has signed in.
const DeskLayout = lazy(() => import('./layouts/desk-layout').then((m) => ({ default: m.DeskLayout })));
const HomePage = lazy(() => import('./pages/home'));
const AccountPage = lazy(() => import('./pages/account'));
const StoriesPage = lazy(() => import('./pages/stories'));
const StoryEditorPage = lazy(() => import('./pages/story-editor'));
const LiveWatchPage = lazy(() => import('./pages/province/live-watch'));
const IndexSearchPage = lazy(() => import('./pages/province/index-search'));
const RecommendationsPage = lazy(() => import('./pages/province/recommendations'));
const AdoptionsPage = lazy(() => import('./pages/province/adoptions'));
const ProvinceTopicsPage = lazy(() => import('./pages/province/topics'));
const ProvinceReleasesPage = lazy(() => import('./pages/province/releases'));
const StatisticsPage = lazy(() => import('./pages/province/statistics'));
const DeliveriesPage = lazy(() => import('./pages/province/deliveries'));
const UsersPage = lazy(() => import('./pages/admin/users'));
const ReviewPolicyPage = lazy(() => import('./pages/admin/review-policy'));
const DeadLettersPage = lazy(() => import('./pages/admin/dead-letters'));
const ReviewQueuePage = lazy(() => import('./pages/city/review-queue'));
const ReviewFamilyPage = lazy(() => import('./pages/city/review-family'));
const PoolPage = lazy(() => import('./pages/city/pool'));
const PoolStoryPage = lazy(() => import('./pages/city/pool-story'));
const TopicsPage = lazy(() => import('./pages/city/topics'));
const ReleasesPage = lazy(() => import('./pages/city/releases'));
const CityAdoptionsPage = lazy(() => import('./pages/city/adoptions'));
const CityDeliveriesPage = lazy(() => import('./pages/city/deliveries'));
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
        <Route
          path="stories"
          element={
            <RequireAccess allow={(a) => a.canListStories}>
              <StoriesPage />
            </RequireAccess>
          }
        />
        <Route
          path="stories/new"
          element={
            <RequireAccess allow={(a) => a.canWriteStory}>
              <StoryEditorPage />
            </RequireAccess>
          }
        />
        <Route
          path="stories/:id/edit"
          element={
            <RequireAccess allow={(a) => a.canListStories}>
              <StoryEditorPage />
            </RequireAccess>
          }
        />
        <Route
          path="stories/:id"
          element={
            <RequireAccess allow={(a) => a.can('story.get')}>
              <StoryDetailPage />
            </RequireAccess>
          }
        />
        <Route
          path="topic-inbox"
          element={
            <RequireAccess allow={(a) => a.can('topicInbox.list')}>
              <TopicInboxPage />
            </RequireAccess>
          }
        />
        <Route
          path="release-inbox"
          element={
            <RequireAccess allow={(a) => a.can('releaseInbox.list')}>
              <ReleaseInboxPage />
            </RequireAccess>
          }
        />
        <Route
          path="shared-pool"
          element={
            <RequireAccess allow={(a) => a.can('sharedPool.list')}>
              <SharedPoolPage />
            </RequireAccess>
          }
        />
        <Route
          path="adoption-feedback"
          element={
            <RequireAccess allow={(a) => a.can('adoptionFeedback.list')}>
              <AdoptionFeedbackPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/live"
          element={
            <RequireAccess allow={(a) => a.canIndex && a.canLiveFeed}>
              <LiveWatchPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/index"
          element={
            <RequireAccess allow={(a) => a.canIndex}>
              <IndexSearchPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/recommendations"
          element={
            <RequireAccess allow={(a) => a.canIndex}>
              <RecommendationsPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/adoptions"
          element={
            <RequireAccess allow={(a) => a.canIndex && a.can('adoption.list')}>
              <AdoptionsPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/topics"
          element={
            <RequireAccess allow={(a) => a.canIndex && a.canTopics}>
              <ProvinceTopicsPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/releases"
          element={
            <RequireAccess allow={(a) => a.canIndex && a.canReleases}>
              <ProvinceReleasesPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/statistics"
          element={
            <RequireAccess allow={(a) => a.canStatistics}>
              <StatisticsPage />
            </RequireAccess>
          }
        />
        <Route
          path="province/deliveries"
          element={
            <RequireAccess allow={(a) => a.canIndex && a.can('deliveries.list')}>
              <DeliveriesPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequireAccess allow={(a) => a.canManageUsers}>
              <UsersPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/review-policy"
          element={
            <RequireAccess allow={(a) => a.can('countyReview.setPolicy')}>
              <ReviewPolicyPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/dead-letters"
          element={
            <RequireAccess allow={(a) => a.can('deadLetters.list')}>
              <DeadLettersPage />
            </RequireAccess>
          }
        />
        <Route
          path="review-queue"
          element={
            <RequireAccess allow={(a) => a.canReviewQueue}>
              <ReviewQueuePage />
            </RequireAccess>
          }
        />
        <Route
          path="review-queue/:id/family"
          element={
            <RequireAccess allow={(a) => a.can('review.family')}>
              <ReviewFamilyPage />
            </RequireAccess>
          }
        />
        <Route
          path="pool"
          element={
            <RequireAccess allow={(a) => a.canPool}>
              <PoolPage />
            </RequireAccess>
          }
        />
        <Route
          path="pool/:id"
          element={
            <RequireAccess allow={(a) => a.can('pool.get')}>
              <PoolStoryPage />
            </RequireAccess>
          }
        />
        <Route
          path="topics"
          element={
            <RequireAccess allow={(a) => a.canTopics}>
              <TopicsPage />
            </RequireAccess>
          }
        />
        <Route
          path="releases"
          element={
            <RequireAccess allow={(a) => a.canReleases}>
              <ReleasesPage />
            </RequireAccess>
          }
        />
        <Route
          path="adoptions"
          element={
            <RequireAccess allow={(a) => a.can('adoption.list')}>
              <CityAdoptionsPage />
            </RequireAccess>
          }
        />
        <Route
          path="deliveries"
          element={
            <RequireAccess allow={(a) => a.can('deliveries.list')}>
              <CityDeliveriesPage />
            </RequireAccess>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
