import type { Server } from 'node:http';
import type { RuntimeContext } from '../context.js';
import { createHttpApp, type HttpAppOptions } from './createHttpApp.js';

/** Listens on host:port (port 0 picks a free one) and resolves once the server accepts connections. */
export function startHttpServer(
  ctx: RuntimeContext,
  port: number,
  host: string,
  options: HttpAppOptions = {},
): Promise<{ server: Server; url: string }> {
  const app = createHttpApp(ctx, options);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (err) return reject(err);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const shownHost = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
      resolve({ server, url: `http://${shownHost}:${actualPort}` });
    });
    server.on('error', reject);
  });
}
