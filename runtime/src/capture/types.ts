/**
 * The capture service's contract (issue 3): every channel (public forms, inbound API, CSV import,
 * manual entry) calls `captureRecord` / `captureRecords` in runtime/src/capture/captureService.ts.
 */
export type {
  CaptureAttribution,
  CaptureChannel,
  CaptureConsent,
  CaptureInput,
  CaptureOutcome,
  RecordAttribution,
  Touch,
  Utm,
} from '../../../engine/src/capture/types.js';

/** Options of one capture call. */
export interface CaptureOptions {
  /** The user on whose behalf the capture runs (recorded in history as the actor); null for the public. */
  readonly actorId?: string | null;
  /**
   * A key that makes the capture idempotent: the same key in the same tenant gives the same outcome
   * and writes once. For a batch, each item's key is `${idempotencyKey}:${index}`.
   */
  readonly idempotencyKey?: string;
}

/**
 * The service functions (implemented in captureService.ts):
 *
 * ```ts
 * captureRecord(ctx, tenantId, input: CaptureInput, options?: CaptureOptions): Promise<CaptureOutcome>
 * captureRecords(ctx, tenantId, inputs: CaptureInput[], options?: CaptureOptions): Promise<CaptureOutcome[]>
 * ```
 *
 * Each input is validated on its own; an `invalid` outcome writes nothing. `created` / `merged`
 * name the record that holds the data after dedupe. A batch holds at most CAPTURE_BATCH_MAX items.
 */
export const CAPTURE_BATCH_MAX = 500;
