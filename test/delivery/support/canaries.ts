import type { AddressInfo } from 'node:net';
import net from 'node:net';

/** A TCP listener that only counts connections: any count above zero means the guard let traffic out. */
export interface Canary {
  readonly host: string;
  readonly port: number;
  connections: number;
}

export interface Canaries {
  readonly list: readonly Canary[];
  total(): number;
  close(): Promise<void>;
}

async function listen(host: string, port: number): Promise<net.Server | null> {
  const server = net.createServer((socket) => socket.destroy());
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen({ host, port, ipv6Only: host.includes(':') }, () => resolve(server));
  });
}

/**
 * Canaries on loopback only: for each of 127.0.0.1, 127.0.0.2 and 127.5.6.7 a port of its own,
 * and ::1 and 127.0.0.1 share the first port so every spelling of "this machine" on that port
 * (127.1, [::], 0.0.0.0, [::ffff:127.0.0.1], localhost) lands on one of them.
 */
export async function startCanaries(): Promise<Canaries> {
  const servers: net.Server[] = [];
  const list: Canary[] = [];
  const watch = (server: net.Server, host: string): Canary => {
    const canary: Canary = { host, port: (server.address() as AddressInfo).port, connections: 0 };
    server.on('connection', () => {
      canary.connections += 1;
    });
    servers.push(server);
    list.push(canary);
    return canary;
  };
  const first = watch((await listen('127.0.0.1', 0))!, '127.0.0.1');
  const v6 = await listen('::1', first.port);
  if (v6) watch(v6, '::1');
  for (const host of ['127.0.0.2', '127.5.6.7']) {
    const server = await listen(host, 0);
    if (server) watch(server, host);
  }
  return {
    list,
    total: () => list.reduce((sum, c) => sum + c.connections, 0),
    close: () =>
      Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => {}),
  };
}
