import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a captcha provider's siteverify endpoint (the third party we cannot reach
 * in tests): tokens starting with "good" pass, others fail; `down()` makes it answer 503.
 */
export interface FakeVerifier {
  readonly url: string;
  readonly calls: { token: string; secret: string; remoteip: string }[];
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startFakeVerifier(): Promise<FakeVerifier> {
  let available = true;
  const calls: FakeVerifier['calls'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      calls.push({
        token: form.get('response') ?? '',
        secret: form.get('secret') ?? '',
        remoteip: form.get('remoteip') ?? '',
      });
      if (!available) {
        res.writeHead(503).end('unavailable');
        return;
      }
      const success = (form.get('response') ?? '').startsWith('good');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(success ? { success: true } : { success: false, 'error-codes': ['invalid-input-response'] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    calls,
    down: () => {
      available = false;
    },
    up: () => {
      available = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
