import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { DeliveryTransportError, forbiddenAddressReason } from '../../../engine/src/delivery/index.js';
import type { Resolver } from './deliveryPolicy.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/http/tls that resolves with `resolve` and refuses the connection when any
 * address of the name is internal — at connect time, on the very answer the socket will use,
 * so a name that resolved to a public address when it was saved and to 127.0.0.1 now (DNS
 * rebinding) is still refused. `trusted` (an allow-listed host) skips the address check.
 */
export function guardedLookup(resolve: Resolver, trusted: boolean): LookupFunction {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (resolved) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = resolved.filter((a) => wanted === 0 || a.family === wanted);
        if (addresses.length === 0) {
          callback(new DeliveryTransportError('network', `${hostname} does not resolve`) as NodeJS.ErrnoException, []);
          return;
        }
        if (!trusted) {
          for (const { address } of addresses) {
            const reason = forbiddenAddressReason(address);
            if (reason) {
              const error = new DeliveryTransportError(
                'forbidden-target',
                `${hostname} resolves to ${address}, which is not allowed as a target: ${reason}`,
              );
              callback(error as NodeJS.ErrnoException, []);
              return;
            }
          }
        }
        if (options.all)
          callback(
            null,
            addresses.map((a) => ({ address: a.address, family: a.family })),
          );
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) =>
        callback(new DeliveryTransportError('network', `cannot resolve ${hostname}: ${error.message}`), []),
    );
  };
  return lookup as unknown as LookupFunction;
}
