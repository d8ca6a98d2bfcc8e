export * from './api-error-codes';
export * from './field-error';
export * from './state-conflict';
