import { LeadforgeError } from '@leadforge/engine';
import { exportCommand } from './cli/export.js';
import { importCommand } from './cli/import.js';
import { installCommand } from './cli/install.js';
import { consoleOutput, type Output } from './cli/output.js';
import { seedCommand } from './cli/seed.js';
import { startCommand } from './cli/start.js';
import { validateCommand } from './cli/validate.js';

const USAGE = `usage: leadforge <command>

  start [--data DIR] [--port N] [--host H] [--template NAME] [--no-demo-data]
                         start the server (embedded PGlite in ./data, or DATABASE_URL)
  validate DIR           check an app package folder and print every problem
  install DIR [--data DIR] [--note TEXT]
                         validate and publish a package folder as the next version
  export DIR [--version N] [--data DIR]
                         write a published version to a folder (byte-stable)
  import FILE --object NAME [--map COLUMN=FIELD ...] [--dry-run] [--data DIR]
                         import a CSV file (UTF-8) through the capture path, with progress
  seed --leads N [--seed S] [--now ISO-TIME] [--data DIR]
                         write N leads of demo history for the b2b-saas sample (docs/demo-data.md)
`;

/** Runs one CLI command and answers its exit code: 0 ok, 1 failed, 2 usage error. */
export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'start':
        return await startCommand(args, out);
      case 'validate':
        return await validateCommand([...args], out);
      case 'install':
        return await installCommand(args, out);
      case 'export':
        return await exportCommand(args, out);
      case 'import':
        return await importCommand(args, out);
      case 'seed':
        return await seedCommand(args, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        out.error(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof LeadforgeError) {
      out.error(`leadforge ${command}: ${err.message}`);
      for (const d of err.details) out.error(`  ${d.path ? `${d.path}: ` : ''}${d.message}`);
      return err.code === 'MALFORMED' ? 2 : 1;
    }
    throw err;
  }
}
