export * from './clock.js';
export * from './config.js';
export * from './core-options.js';
export * from './duration.js';
export * from './errors.js';
export * from './logger.js';
export * from './suggest.js';
