/** The one source of time. Engine code never calls Date.now(); tests pass a clock they can advance. */
export interface Clock {
  now(): Date;
}
