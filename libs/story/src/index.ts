export * from './sanitize-body';
export * from './content-hash';
export * from './validate-object';
export * from './validation-metadata-cache';
export * from './normalise-content';
