import type { Clock } from '../../../engine/src/clock/index.js';
import type { DeliveryIo } from '../../../engine/src/delivery/index.js';
import type { DeliveryPolicy } from './deliveryPolicy.js';
import { guardedConnect } from './guardedConnect.js';
import { guardedRequest } from './guardedRequest.js';

/** The guarded I/O lent to a channel for one attempt; `now` is read once from the clock. */
export function deliveryIo(policy: DeliveryPolicy, clock: Clock, signal?: AbortSignal): DeliveryIo {
  return {
    now: clock.now(),
    request: (request) => guardedRequest(policy, request, signal),
    connect: (target) => guardedConnect(policy, target, signal),
  };
}
