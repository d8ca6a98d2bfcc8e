export * from './center';
export * from './center-directory';
export * from './hosted-centers';
export * from './network.module';
