export * from './systemClock.js';
export * from './types.js';
