import { stat } from 'node:fs/promises';
import { compareProblems, formatProblem, validatePackage } from '@leadforge/engine';
import { readPackageFolder } from '../package/readPackageFolder.js';

export interface ValidateOutput {
  log(line: string): void;
  error(line: string): void;
}

const USAGE = 'usage: leadforge validate DIR';

async function isFolder(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return undefined;
  }
}

/**
 * `leadforge validate DIR`: reads an app package folder, prints every problem as
 * `file: /pointer: sentence` and a summary. Exit code 0 valid, 1 problems, 2 usage error or
 * missing folder.
 */
export async function validateCommand(args: string[], out: ValidateOutput): Promise<number> {
  const folder = args[0];
  if (folder === undefined || args.length > 1 || folder.startsWith('-')) {
    out.error(USAGE);
    return 2;
  }
  const kind = await isFolder(folder);
  if (kind !== true) {
    out.error(kind === undefined ? `${folder}: no such folder` : `${folder}: is not a folder`);
    out.error(USAGE);
    return 2;
  }
  const { pkg, problems: readProblems } = await readPackageFolder(folder);
  const problems = [...readProblems, ...validatePackage(pkg, { unreadable: readProblems.map((p) => p.file) })].sort(
    compareProblems,
  );
  if (problems.length > 0) {
    for (const problem of problems) out.log(formatProblem(problem));
    out.log(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${folder}`);
    return 1;
  }
  const files = Object.keys(pkg.files);
  const objects = files.filter((f) => /^objects\/[^/]+\.json$/.test(f)).length;
  out.log(
    `${folder}: valid (${files.length} file${files.length === 1 ? '' : 's'}, ${objects} object${objects === 1 ? '' : 's'})`,
  );
  return 0;
}
