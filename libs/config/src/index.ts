export * from './validate-env';
export * from './app-env';
export * from './config.module';
export * from './app-node-args';
