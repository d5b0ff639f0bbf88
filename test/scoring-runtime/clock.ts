export { type ManualClock, manualClock } from '../support/manualClock.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
