// Load generator for bench/records.ts, in its own thread so the client's HTTP work does not share the
// server's event loop (on loopback, client and server would otherwise compete for one core).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { payload } from './leadPayload.js';

interface Job {
  url: string;
  token: string;
  count: number;
  concurrency: number;
  offset: number;
}

const job = workerData as Job;
const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
const base = new URL(job.url);

function request(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${job.token}`,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (next < job.count) {
      const i = next;
      next += 1;
      const created = await request('POST', '/api/v1/records/lead', JSON.stringify({ data: payload(job.offset + i) }));
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.text}`);
      const { id } = JSON.parse(created.text) as { id: string };
      const read = await request('GET', `/api/v1/records/lead/${id}`);
      if (read.status !== 200) throw new Error(`read answered ${read.status}`);
    }
  }),
);
parentPort!.postMessage(performance.now() - started);
agent.destroy();
