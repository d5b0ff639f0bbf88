import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LeadforgeError } from '@leadforge/engine';

export const LOCK_FILE = 'leadforge.lock';

/** Lock files this process holds: a second open of the same folder in-process is refused too. */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // our own pid in a file we do not hold: a container restarted
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): { text: string; pid: number } | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return { text, pid: Number.parseInt(text.trim(), 10) };
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Claims `<dataDir>/leadforge.lock` (created atomically, holding our pid). PGlite is one process
 * per folder: a second process would corrupt it, so it gets LOCKED instead. A lock left by a
 * process that no longer runs (kill -9, power loss) is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.resolve(dataDir, LOCK_FILE);
  const inUse = (pid: number) =>
    new LeadforgeError(
      'LOCKED',
      `data folder ${dataDir} is in use by another Leadforge process (pid ${pid}); stop it or pass --data DIR`,
    );
  if (held.has(file)) throw inUse(process.pid);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(file);
      const onExit = () => release();
      process.once('exit', onExit);
      const release = () => {
        if (!held.delete(file)) return;
        process.removeListener('exit', onExit);
        if (readPid(file)?.pid === process.pid) unlinkSync(file);
      };
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readPid(file);
    if (owner === undefined) continue; // removed meanwhile: try again
    if (isRunning(owner.pid)) throw inUse(owner.pid);
    // stale: remove it only if it is still the file we judged, then race for a fresh one
    if (readPid(file)?.text === owner.text) {
      try {
        unlinkSync(file);
      } catch {
        // another process took it over first; the next attempt sees its lock
      }
    }
  }
  throw new LeadforgeError('LOCKED', `could not lock data folder ${dataDir}; remove ${file} if no Leadforge runs`);
}
