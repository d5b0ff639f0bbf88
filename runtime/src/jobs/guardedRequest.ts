import http from 'node:http';
import https from 'node:https';
import {
  checkTargetUrl,
  DeliveryTransportError,
  type HttpRequest,
  type HttpResponse,
} from '../../../engine/src/delivery/index.js';
import type { DeliveryPolicy } from './deliveryPolicy.js';
import { asTransportError, refusedTarget, remoteAddressProblem } from './guardedConnect.js';
import { guardedLookup } from './guardedLookup.js';

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/**
 * One HTTP(S) request through the SSRF guard: http/https only, no credentials, literal addresses
 * checked before connecting and names at connect time; redirects are returned, never followed;
 * one deadline covers DNS, connect, sending and reading; at most `maxResponseBytes` of the body is kept.
 */
export function guardedRequest(
  policy: DeliveryPolicy,
  request: HttpRequest,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  const check = checkTargetUrl(request.url, policy.allowList);
  if (!check.ok) return Promise.reject(refusedTarget(check));
  if (signal?.aborted) return Promise.reject(new DeliveryTransportError('aborted', 'the delivery was stopped'));
  const url = check.url!;
  const body = Buffer.from(request.body, 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = client.request(url, {
      method: request.method ?? 'POST',
      headers: { ...request.headers, 'content-length': String(body.length) },
      lookup: guardedLookup(policy.resolve, check.allowListed),
      agent: false,
    });
    const timer = setTimeout(() => {
      const error = new DeliveryTransportError(
        'timeout',
        `no complete answer from ${url.host} within ${policy.timeoutMs} ms`,
      );
      settle(() => reject(error));
      req.destroy(error);
    }, policy.timeoutMs);
    const onAbort = () => {
      const error = new DeliveryTransportError('aborted', 'the delivery was stopped');
      settle(() => reject(error));
      req.destroy(error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        const problem = remoteAddressProblem(socket, check);
        if (problem) req.destroy(problem);
      });
    });
    req.on('error', (error) => settle(() => reject(asTransportError(error))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const finish = () =>
        settle(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: flatHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      res.on('data', (chunk: Buffer) => {
        if (kept >= policy.maxResponseBytes) return;
        const part = chunk.subarray(0, policy.maxResponseBytes - kept);
        chunks.push(part);
        kept += part.length;
        if (kept >= policy.maxResponseBytes) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', (error) => settle(() => reject(asTransportError(error))));
    });
    req.end(body);
  });
}
