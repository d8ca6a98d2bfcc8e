export * from './grpc-request.interceptor';
export * from './json-logger';
export * from './metrics.registry';
export * from './readiness-check';
export * from './readiness.registry';
export * from './observability.module';
export * from './redact';
export * from './request-context';
