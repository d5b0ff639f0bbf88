export * from './boot.js';
export * from './config.js';
export type * from './context.js';
export * from './server/createHttpApp.js';
export * from './server/startHttpServer.js';
export * from './store/index.js';
