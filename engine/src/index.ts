export * from './clock/index.js';
export * from './compile/index.js';
export * from './errors/index.js';
export * from './filter/index.js';
export * from './package/index.js';
export * from './store/index.js';
