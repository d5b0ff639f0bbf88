/** Thrown inside a capture transaction when a record moved on under it (a user saved it meanwhile): run again. */
export class CaptureRaced extends Error {
  constructor() {
    super('the record changed during the capture');
    this.name = 'CaptureRaced';
  }
}

const SERIALIZATION_CODES = new Set(['40001', '40P01']);

function retryable(error: unknown): boolean {
  if (error instanceof CaptureRaced) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && SERIALIZATION_CODES.has(code);
}

/** Runs a capture transaction again (up to 5 times) when it raced a concurrent write or hit a deadlock. */
export async function withCaptureRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 5 || !retryable(error)) throw error;
    }
  }
}
