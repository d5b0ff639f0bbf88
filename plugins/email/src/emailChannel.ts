import type { Socket } from 'node:net';
import type { FromSchema } from 'json-schema-to-ts';
import nodemailer from 'nodemailer';
import {
  type DeliveryOutcome,
  DeliveryTransportError,
  defineChannel,
  messageText,
  outcomeOfTransportError,
} from '../../../engine/src/delivery/index.js';

export const emailConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'from'],
  properties: {
    host: { type: 'string', minLength: 1, maxLength: 253, description: 'the SMTP server name or address' },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
    security: {
      type: 'string',
      enum: ['starttls', 'tls', 'none'],
      default: 'starttls',
      description:
        'starttls: upgrade after connecting (port 587); tls: TLS from the start (port 465); none: plain text',
    },
    user: { type: 'string', maxLength: 256 },
    password: { type: 'string', maxLength: 1024, writeOnly: true },
    from: { type: 'string', format: 'email', description: 'the sender address' },
    fromName: { type: 'string', maxLength: 128 },
    to: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', format: 'email' },
      description: 'recipients when a message names none (e.g. the sales manager)',
    },
  },
} as const;

export type EmailConfig = FromSchema<typeof emailConfigSchema>;

const DEFAULT_PORTS = { starttls: 587, tls: 465, none: 25 } as const;

function transportErrorIn(error: unknown): DeliveryTransportError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (e instanceof DeliveryTransportError) return e;
  }
  return null;
}

/** SMTP replies 5xx are permanent (no such mailbox, relaying denied); anything else is retried. */
function outcomeOfSmtpError(error: unknown): DeliveryOutcome {
  const transport = transportErrorIn(error);
  if (transport) return outcomeOfTransportError(transport);
  const code = (error as { responseCode?: unknown }).responseCode;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'number' && code >= 500 && code < 600)
    return { status: 'rejected', error: `SMTP ${code}: ${message}` };
  return { status: 'retry', error: typeof code === 'number' ? `SMTP ${code}: ${message}` : message };
}

/**
 * Email through SMTP (nodemailer). The connection is opened by the runtime's guarded `connect`
 * (the SSRF check happens there, on the resolved address), and nodemailer speaks SMTP over it,
 * upgrading with STARTTLS or starting with TLS as configured. The message id is the Message-ID,
 * so a receiving system can drop the duplicate of a retried send.
 */
export const emailChannel = defineChannel<EmailConfig>({
  name: 'email',
  label: { en: 'Email (SMTP)', 'zh-CN': '邮件 (SMTP)' },
  configSchema: emailConfigSchema,
  targets: (config) => [
    { pointer: '/host', host: config.host, port: config.port ?? DEFAULT_PORTS[config.security ?? 'starttls'] },
  ],
  async deliver(config, message, io) {
    const recipients = message.to ?? config.to ?? [];
    if (recipients.length === 0) return { status: 'rejected', error: 'the message has no recipients' };
    const security = config.security ?? 'starttls';
    const port = config.port ?? DEFAULT_PORTS[security];
    const transport = nodemailer.createTransport({
      host: config.host,
      port,
      secure: security === 'tls',
      requireTLS: security === 'starttls',
      ignoreTLS: security === 'none',
      ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      getSocket: (_options, callback) => {
        io.connect({ host: config.host, port }).then(
          (socket) => callback(null, { connection: socket as Socket }),
          (error: Error) => callback(error),
        );
      },
    });
    try {
      const info = await transport.sendMail({
        from: config.fromName ? { name: config.fromName, address: config.from } : config.from,
        to: [...recipients],
        subject: message.subject ?? `Leadforge: ${message.event}`,
        text: messageText(message),
        messageId: `<${message.id}@leadforge>`,
        date: io.now,
        headers: { 'X-Leadforge-Event': message.event },
        ...(message.attachments && message.attachments.length > 0
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.contentBase64,
                encoding: 'base64',
              })),
            }
          : {}),
      });
      return { status: 'delivered', detail: info.response };
    } catch (error) {
      return outcomeOfSmtpError(error);
    } finally {
      transport.close();
    }
  },
});
