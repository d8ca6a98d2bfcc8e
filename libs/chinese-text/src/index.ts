export * from './stopwords';
export * from './segmenter';
export * from './simhash';
export * from './term-impacts';
export * from './highlight';
export * from './pool-search.sql';
export * from './pool-search.query';
