import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { LeadforgeError } from '@leadforge/engine';
import { type CsvError, parse } from 'csv-parse';
import { headerProblems } from '../../../../engine/src/capture/index.js';

/** A CSV file that passed the whole-file checks: UTF-8 text, a header, at least one row, within the limits. */
export interface CsvFile {
  readonly text: string;
  /** sha256 of the bytes: names the file in a run (the same file imported again has the same hash). */
  readonly hash: string;
  readonly header: readonly string[];
  /** Data rows under the header (blank lines are not rows). */
  readonly rowCount: number;
}

/** One data row: its 1-based number under the header and its cells. */
export interface CsvRow {
  readonly row: number;
  readonly cells: readonly string[];
}

const CHUNK = 64 * 1024;
/** One record (row) past this size is refused: no honest row is this long. */
const MAX_RECORD_BYTES = 1024 * 1024;

function parserOf(bytes: Uint8Array) {
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += CHUNK)
      yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK, bytes.length - at));
  };
  // csv-parse reads bytes, so a multi-byte character split between chunks stays whole
  return Readable.from(chunks()).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }),
  );
}

function parseError(err: unknown): LeadforgeError {
  const e = err as CsvError & { lines?: number };
  const where = typeof e.lines === 'number' ? ` (line ${e.lines})` : '';
  return new LeadforgeError('MALFORMED', `the file is not valid CSV${where}: ${e.message}`, [
    { path: '/body', message: `not valid CSV${where}` },
  ]);
}

/**
 * Every data row of a checked file from row `from + 1` on, parsed as the file streams through
 * csv-parse (quotes, CRLF, a UTF-8 BOM).
 */
export async function* csvRows(text: string, from = 0): AsyncGenerator<CsvRow> {
  let row = -1;
  for await (const record of parserOf(Buffer.from(text, 'utf8'))) {
    row += 1;
    if (row === 0 || row <= from) continue;
    yield { row, cells: record as string[] };
  }
}

/**
 * Checks a whole file before anything is stored: within the size cap, UTF-8 without NUL bytes,
 * valid CSV, a header with unique column names, at least one row and at most `maxRows`.
 * Throws TOO_LARGE (413), MALFORMED (400) or INVALID (422) naming the problem.
 */
export async function csvFileOrThrow(
  bytes: Uint8Array,
  limits: { maxBytes: number; maxRows: number },
): Promise<CsvFile> {
  if (bytes.length > limits.maxBytes)
    throw new LeadforgeError('TOO_LARGE', `an import file is at most ${limits.maxBytes} bytes`, [
      { path: '/body', message: `is larger than ${limits.maxBytes} bytes` },
    ]);
  if (bytes.length === 0)
    throw new LeadforgeError('INVALID', 'the file is empty', [{ path: '/body', message: 'has no header and no rows' }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LeadforgeError('MALFORMED', 'the file is not UTF-8 text: save it as CSV UTF-8', [
      { path: '/body', message: 'is not valid UTF-8' },
    ]);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new LeadforgeError('MALFORMED', `the file holds a NUL byte (line ${line}): it is not a CSV text file`, [
      { path: '/body', message: `has a NUL byte on line ${line}` },
    ]);
  }
  let header: string[] | undefined;
  let rowCount = 0;
  try {
    for await (const record of parserOf(bytes)) {
      if (header === undefined) header = record as string[];
      else {
        rowCount += 1;
        if (rowCount > limits.maxRows)
          throw new LeadforgeError('INVALID', `an import holds at most ${limits.maxRows} rows; split the file`, [
            { path: '/body', message: `has more than ${limits.maxRows} rows` },
          ]);
      }
    }
  } catch (err) {
    throw err instanceof LeadforgeError ? err : parseError(err);
  }
  if (header === undefined)
    throw new LeadforgeError('INVALID', 'the file is empty', [{ path: '/body', message: 'has no header and no rows' }]);
  const problems = headerProblems(header);
  if (problems.length > 0) throw new LeadforgeError('INVALID', 'the header row has problems', problems);
  if (rowCount === 0)
    throw new LeadforgeError('INVALID', 'the file has a header but no rows', [
      { path: '/body', message: 'has no rows' },
    ]);
  return { text, hash: createHash('sha256').update(bytes).digest('hex'), header, rowCount };
}
