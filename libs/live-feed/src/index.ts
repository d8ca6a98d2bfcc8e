export * from './live-feed.module';
export * from './live-feed.persistence';
export * from './live-feed-journal';
export * from './live-feed-event';
export * from './live-feed-presenter';
