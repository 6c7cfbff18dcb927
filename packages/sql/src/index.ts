export * from './catalog/index.js';
export * from './functions/index.js';
export * from './parser/index.js';
export * from './types/index.js';
export * from './values/index.js';
