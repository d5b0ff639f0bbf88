import type { Label } from '../compile/types.js';

/** One message to deliver; `id` stays the same across every retry (webhook-id, idempotency key). */
export interface DeliveryMessage {
  readonly id: string;
  /** What happened, e.g. `lead.created`, `lead.assigned`, `sla.breached`. */
  readonly event: string;
  /** ISO time the event happened. */
  readonly occurredAt: string;
  /** The JSON payload (webhooks send it as `data`). */
  readonly data: unknown;
  /** Human text for robots and email; channels fall back to a line naming the event. */
  readonly text?: string;
  /** Email subject / markdown title. */
  readonly subject?: string;
  /** Email recipients. */
  readonly to?: readonly string[];
  /** Files sent along (email only; other channels ignore them), e.g. a scheduled report's export. */
  readonly attachments?: readonly DeliveryAttachment[];
}

/** A file attached to a message, carried base64-encoded in the outbox job. */
export interface DeliveryAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly contentBase64: string;
}

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'POST' | 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body, cut at the transport's size limit. */
  readonly body: string;
}

/** A connection target for protocols other than HTTP (SMTP). */
export interface ConnectTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * The I/O the runtime lends a channel for one delivery. Every path goes through the SSRF guard:
 * the destination is checked before connecting and each resolved address at connect time;
 * redirects are never followed; each call has a deadline. Failures reject with
 * DeliveryTransportError.
 */
/** A connected TCP socket as the runtime hands it over (a node:net Socket); the engine never touches it. */
export interface ConnectedSocket {
  destroy(error?: Error): unknown;
}

export interface DeliveryIo {
  /** The clock's reading for this attempt (signatures and robot timestamps use it). */
  readonly now: Date;
  request(request: HttpRequest): Promise<HttpResponse>;
  /** A connected TCP socket (SMTP); TLS, if any, is the protocol's business (STARTTLS or implicit). */
  connect(target: ConnectTarget): Promise<ConnectedSocket>;
}

/** What happened to one delivery attempt. */
export type DeliveryOutcome =
  | { readonly status: 'delivered'; readonly detail?: string }
  /** Try again later (per the backoff), not before `retryAfterMs` if the target said so. */
  | { readonly status: 'retry'; readonly error: string; readonly retryAfterMs?: number | null }
  /** The target says it is gone for good (HTTP 410): the endpoint is disabled. */
  | { readonly status: 'gone'; readonly error: string }
  /** This message can never be delivered (forbidden or invalid destination): fail it now. */
  | { readonly status: 'rejected'; readonly error: string };

/** A destination inside a configuration, checked at publish and again at connect. */
export type ChannelTarget =
  | { readonly pointer: string; readonly url: string }
  | { readonly pointer: string; readonly host: string; readonly port: number };

/** A JSON Schema object for a channel's configuration; properties marked `writeOnly: true` are secrets. */
export interface ChannelConfigSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  readonly additionalProperties: false;
  readonly [keyword: string]: unknown;
}

/**
 * A delivery channel (webhook, email, WeCom robot, DingTalk robot, ...), registered by a plugin.
 * The configuration is validated against `configSchema` when an endpoint is saved or a package
 * published; its secret fields are sealed at rest and never returned.
 */
export interface ChannelDefinition<Config = Readonly<Record<string, unknown>>> {
  readonly name: string;
  readonly label: Label;
  readonly configSchema: ChannelConfigSchema;
  /** Destinations the configuration points at, for the SSRF pre-check with their JSON pointers. */
  targets(config: Config): readonly ChannelTarget[];
  /** One attempt. Must not throw for a target's failure: return an outcome. */
  deliver(config: Config, message: DeliveryMessage, io: DeliveryIo): Promise<DeliveryOutcome>;
}

/** A channel with its configuration type erased, as registries hold them. */
export type AnyChannel = ChannelDefinition;

/** Erases a channel's configuration type for a registry (the runtime validates config against the schema first). */
export function defineChannel<Config>(channel: ChannelDefinition<Config>): AnyChannel {
  return channel as unknown as AnyChannel;
}
