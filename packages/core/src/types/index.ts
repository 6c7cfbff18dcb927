export * from './casts.js';
export * from './common-type.js';
export * from './errors.js';
export * from './families.js';
export * from './inference.js';
export * from './logical-type.js';
export * from './type-parser.js';
