export * from './validation.pipe';
export * from './body-error.middleware';
export * from './bootstrap-app';
export * from './center-app.module';
export * from './database-unavailable.filter';
export * from './api-error.filter';
