/** Why an outbound connection or request did not produce a response. */
export type TransportFailure =
  /** The SSRF guard refused the destination (before any packet was sent to it). */
  | 'forbidden-target'
  /** The URL or host is malformed or uses a scheme other than http(s). */
  | 'invalid-target'
  | 'timeout'
  /** Connection refused, reset, DNS failure, TLS failure. */
  | 'network'
  | 'aborted';

/** Raised by the delivery transports the runtime hands to channels (`DeliveryIo`). */
export class DeliveryTransportError extends Error {
  readonly failure: TransportFailure;

  constructor(failure: TransportFailure, message: string) {
    super(message);
    this.name = 'DeliveryTransportError';
    this.failure = failure;
  }
}

/** True when retrying cannot help: the guard or the URL refused the destination itself. */
export function isPermanentTransportFailure(error: unknown): boolean {
  return (
    error instanceof DeliveryTransportError &&
    (error.failure === 'forbidden-target' || error.failure === 'invalid-target')
  );
}
