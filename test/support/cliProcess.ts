import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'runtime/bin/leadforge.js');

/** Environment for a CLI child: embedded PGlite and no first-start demo data unless the test says otherwise. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LEADFORGE_DEMO_DATA: '0', ...extra };
  if (!('DATABASE_URL' in extra)) delete env['DATABASE_URL'];
  return env;
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env = cliEnv()): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `leadforge start` and resolves once it prints its URL (or rejects with what it printed). */
export function startCli(args: readonly string[], env = cliEnv()): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], { cwd: REPO, env });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const onData = (d: Buffer) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m && /sign in/.test(out)) {
        resolve({
          child,
          url: m[1]!,
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += d));
    exited.then((code) => reject(new Error(`leadforge start exited with ${code}:\n${out}`)));
  });
}
