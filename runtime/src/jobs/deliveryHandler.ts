import {
  type ChannelRegistry,
  type DeliveryOutcome,
  type DeliveryPayload,
  disableEndpoint,
  endpointSecretContext,
  getEndpoint,
  nextAttemptAt,
  openChannelConfig,
  outcomeOfTransportError,
  type SecretKeyring,
} from '../../../engine/src/delivery/index.js';
import { deliveryIo } from './deliveryIo.js';
import type { DeliveryPolicy } from './deliveryPolicy.js';
import type { JobContext, JobHandler, JobResult } from './types.js';

export interface DeliveryHandlerOptions {
  readonly channels: ChannelRegistry;
  readonly policy: DeliveryPolicy;
  readonly keyring: SecretKeyring;
  readonly random?: () => number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one outbox delivery: loads the endpoint, opens its secrets, lets the channel make one
 * attempt through the guarded I/O, and turns the outcome into the job's fate — done; retried
 * on the delivery schedule (never before a Retry-After); failed once the schedule is spent or
 * the destination is refused; on 410 the endpoint is disabled.
 */
export function deliveryHandler(options: DeliveryHandlerOptions): JobHandler {
  const random = options.random ?? Math.random;

  function retryOrFail(context: JobContext, error: string, retryAfterMs: number | null = null): JobResult {
    const at = nextAttemptAt(context.clock.now(), context.job.attempt, random(), retryAfterMs);
    if (at === null) return { outcome: 'failed', error: `gave up after ${context.job.attempt} attempts: ${error}` };
    return { outcome: 'retry', at, error };
  }

  return async (context) => {
    const { job, db, clock } = context;
    const { endpointId, message: deliveryMessage } = job.payload as DeliveryPayload;
    const endpoint = await getEndpoint(db, job.tenantId, endpointId);
    if (!endpoint) return { outcome: 'failed', error: `endpoint "${endpointId}" does not exist` };
    if (endpoint.disabledAt) {
      return {
        outcome: 'failed',
        error: `endpoint "${endpointId}" is disabled: ${endpoint.disabledReason ?? ''}`.trim(),
      };
    }
    const channel = options.channels.get(endpoint.channel);
    if (!channel) return retryOrFail(context, `no installed plugin provides the "${endpoint.channel}" channel`);
    let config: Record<string, unknown>;
    try {
      config = openChannelConfig(
        channel,
        endpoint.config,
        options.keyring,
        endpointSecretContext(job.tenantId, endpointId),
      );
    } catch (error) {
      return retryOrFail(context, `cannot open the endpoint's secrets: ${message(error)}`);
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await channel.deliver(config, deliveryMessage, deliveryIo(options.policy, clock, context.signal));
    } catch (error) {
      outcome = outcomeOfTransportError(error);
    }
    // stopped mid-attempt: leave the job to run out its lease rather than count a failed attempt
    if (context.signal.aborted) throw new Error('the worker stopped during the attempt');
    switch (outcome.status) {
      case 'delivered':
        return { outcome: 'done' };
      case 'gone':
        await disableEndpoint(db, job.tenantId, endpointId, outcome.error, clock.now());
        return { outcome: 'failed', error: `the endpoint was disabled: ${outcome.error}` };
      case 'rejected':
        return { outcome: 'failed', error: outcome.error };
      case 'retry':
        return retryOrFail(context, outcome.error, outcome.retryAfterMs ?? null);
    }
  };
}
