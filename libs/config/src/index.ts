export * from './validate-env';
export * from './app-env';
export * from './config.module';
