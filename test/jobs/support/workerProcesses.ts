import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './workerProcess.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workerProcess.ts');

export interface WorkerProcess {
  readonly id: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  send(message: ParentMessage): void;
  /** Resolves with the first message matching `predicate`. */
  next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  onMessage(listener: (message: ChildMessage) => void): void;
}

export interface SpawnOptions {
  readonly url: string;
  readonly id: string;
  readonly clockAt: Date;
  readonly leaseMs?: number;
}

/** Forks a worker process (through tsx) and waits until it is polling. */
export async function spawnWorker(options: SpawnOptions): Promise<WorkerProcess> {
  const child = fork(SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      LF_TEST_DB_URL: options.url,
      LF_WORKER_ID: options.id,
      LF_CLOCK_AT: String(options.clockAt.getTime()),
      LF_LEASE_MS: String(options.leaseMs ?? 30_000),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: WorkerProcess = {
    id: options.id,
    child,
    exited,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    next: (type) =>
      new Promise((resolve, reject) => {
        const listener = (message: ChildMessage) => {
          if (message.type !== type) return;
          child.off('message', listener);
          resolve(message as never);
        };
        child.on('message', listener);
        void exited.then(() => reject(new Error(`worker ${options.id} exited before sending "${type}"`)));
      }),
    onMessage: (listener) => child.on('message', listener),
  };
  await handle.next('ready');
  return handle;
}

/** Kills whatever is still running (a failed test must not leave workers behind). */
export function killAll(workers: readonly WorkerProcess[]): void {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
}
