export * from './catalog/index.js';
export * from './functions/index.js';
export * from './parser/index.js';
