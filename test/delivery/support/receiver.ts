import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What the receiver answers: a status (with headers and body), or 'hang' to never answer. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface Receiver {
  readonly port: number;
  readonly url: string;
  readonly received: Received[];
  /** Connections accepted, including ones that never sent a request. */
  connections: number;
  /** Most requests in progress at once. */
  peakInFlight: number;
  answer: (request: Received) => Answer;
  /** Stops listening on the port (connections are refused) until `recover`. */
  refuse(): Promise<void>;
  recover(): Promise<void>;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that records every request; answers 200 unless told otherwise. */
export async function startReceiver(
  answer: (request: Received) => Answer = () => ({ status: 200 }),
): Promise<Receiver> {
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    inFlight += 1;
    receiver.peakInFlight = Math.max(receiver.peakInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      receiver.received.push(request);
      const reply = receiver.answer(request);
      if (reply === 'hang') return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  server.on('connection', () => {
    receiver.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    port,
    url: `http://127.0.0.1:${port}`,
    received: [],
    connections: 0,
    peakInFlight: 0,
    answer,
    refuse: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    recover: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}
