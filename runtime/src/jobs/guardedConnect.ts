import net, { type Socket } from 'node:net';
import {
  type CheckedTarget,
  type ConnectTarget,
  checkHost,
  DeliveryTransportError,
  forbiddenAddressReason,
  type TargetCheck,
} from '../../../engine/src/delivery/index.js';
import type { DeliveryPolicy } from './deliveryPolicy.js';
import { guardedLookup } from './guardedLookup.js';

/** Turns a failed pre-check into the error every transport raises. */
export function refusedTarget(check: Exclude<TargetCheck, CheckedTarget>): DeliveryTransportError {
  return new DeliveryTransportError(
    check.problem === 'forbidden-address' ? 'forbidden-target' : 'invalid-target',
    check.message,
  );
}

/** Any error of a socket or request as a DeliveryTransportError (the guard's own errors pass through). */
export function asTransportError(error: unknown): DeliveryTransportError {
  if (error instanceof DeliveryTransportError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof DeliveryTransportError) return cause;
  return new DeliveryTransportError('network', error instanceof Error ? error.message : String(error));
}

/**
 * Last line of defence: the address the socket actually reached. The lookup and the literal
 * check make this unreachable; if it ever fires, the socket is closed before a byte is written.
 */
export function remoteAddressProblem(socket: Socket, target: CheckedTarget): DeliveryTransportError | null {
  if (target.allowListed) return null;
  const address = socket.remoteAddress;
  const reason = address === undefined ? 'no remote address' : forbiddenAddressReason(address);
  return reason ? new DeliveryTransportError('forbidden-target', `connected to ${address}: ${reason}`) : null;
}

/**
 * Opens a TCP connection through the SSRF guard (SMTP): the host is checked as written, then
 * every address it resolves to when connecting. Resolves once connected; rejects with
 * DeliveryTransportError on refusal, failure, the policy's deadline or `signal`.
 */
export function guardedConnect(policy: DeliveryPolicy, target: ConnectTarget, signal?: AbortSignal): Promise<Socket> {
  const check = checkHost(target.host, target.port, policy.allowList);
  if (!check.ok) return Promise.reject(refusedTarget(check));
  if (signal?.aborted) return Promise.reject(new DeliveryTransportError('aborted', 'the delivery was stopped'));
  return new Promise<Socket>((resolve, reject) => {
    const socket = net.connect({
      host: check.host,
      port: check.port,
      lookup: guardedLookup(policy.resolve, check.allowListed),
    });
    const fail = (error: DeliveryTransportError) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new DeliveryTransportError(
            'timeout',
            `no connection to ${target.host}:${target.port} within ${policy.timeoutMs} ms`,
          ),
        ),
      policy.timeoutMs,
    );
    const onAbort = () => fail(new DeliveryTransportError('aborted', 'the delivery was stopped'));
    const onError = (error: Error) => fail(asTransportError(error));
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', onError);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', () => {
      const problem = remoteAddressProblem(socket, check);
      if (problem) return fail(problem);
      cleanup();
      resolve(socket);
    });
  });
}
