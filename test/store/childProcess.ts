import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pgliteWriter.ts');

export interface Writer {
  readonly child: ChildProcess;
  /** Record ids the child reported as committed, in order. */
  readonly ids: string[];
  readonly stderr: () => string;
  /** Resolves once the child has opened the folder (or exited). */
  readonly opened: Promise<void>;
  /** True once the child has opened and migrated the folder. */
  isOpen(): boolean;
  /** Resolves with the exit code (null when killed) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when at least n ids were reported (or the child exited). */
  waitForIds(n: number): Promise<void>;
}

/** Starts the PGlite writer child (`node --import tsx`) on a data folder. */
export function startWriter(dataDir: string, tenantId: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, tenantId], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ids: string[] = [];
  let err = '';
  let buffered = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  let open = false;
  let markOpen: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    markOpen = resolve;
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'open') {
        open = true;
        markOpen();
      } else if (line) ids.push(line);
    }
    for (const w of waiters.filter((w) => ids.length >= w.n)) w.resolve();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      markOpen();
      for (const w of waiters) w.resolve();
      resolve({ code, signal });
    });
  });
  return {
    child,
    ids,
    stderr: () => err,
    opened,
    isOpen: () => open,
    exited,
    waitForIds: (n) =>
      ids.length >= n || child.exitCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}

/** Polls a condition on another process's progress (a real process: no fake clock can drive it). */
export async function until(condition: () => boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
