import type { CompiledApp, CompiledObject } from '../compile/types.js';
import type { CaptureChannel } from './types.js';

/** How captures treat one object, read once per compiled app from its definition and field names. */
export interface CapturePolicy {
  readonly object: CompiledObject;
  /** Fields a newer capture overwrites (`merge.newestWins`); every other field is only filled when empty. */
  readonly newestWins: ReadonlySet<string>;
  /** The select field holding clue / lead (`status` with both options), if the object has one. */
  readonly statusField: string | undefined;
  /** The select field recording the channel (`source_channel`), if the object has one, and channel → option. */
  readonly channelField:
    | { readonly name: string; readonly options: Readonly<Partial<Record<CaptureChannel, string>>> }
    | undefined;
  /** Text fields filled from the attribution when the capture does not set them: field → attribution key. */
  readonly attributionFields: Readonly<Record<string, AttributionSource>>;
}

export type AttributionSource =
  | 'utm_source'
  | 'utm_medium'
  | 'utm_campaign'
  | 'utm_term'
  | 'utm_content'
  | 'referrer'
  | 'landingPage';

const ATTRIBUTION_FIELD_NAMES: Readonly<Record<string, AttributionSource>> = {
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  utm_term: 'utm_term',
  utm_content: 'utm_content',
  referrer: 'referrer',
  landing_page: 'landingPage',
};

/** Channel → preferred option values of a `source_channel` select, first present wins. */
const CHANNEL_OPTIONS: Readonly<Record<CaptureChannel, readonly string[]>> = {
  form: ['web_form', 'form', 'web'],
  event: ['event'],
  import: ['import'],
  api: ['api'],
  manual: ['manual'],
};

const cache = new WeakMap<CompiledApp, Map<string, CapturePolicy>>();

function mergeNewestWins(app: CompiledApp, object: string): readonly string[] {
  const file = app.files[`objects/${object}.json`] as { merge?: { newestWins?: readonly string[] } } | undefined;
  return file?.merge?.newestWins ?? [];
}

function build(app: CompiledApp, object: CompiledObject): CapturePolicy {
  const status = object.fields['status'];
  const statusValues = new Set((status?.options ?? []).map((o) => o.value));
  const channel = object.fields['source_channel'];
  const channelValues = new Set((channel?.options ?? []).map((o) => o.value));
  const channelOptions: Partial<Record<CaptureChannel, string>> = {};
  for (const [name, preferred] of Object.entries(CHANNEL_OPTIONS) as [CaptureChannel, readonly string[]][]) {
    const found = preferred.find((v) => channelValues.has(v));
    if (found !== undefined) channelOptions[name] = found;
  }
  const attributionFields: Record<string, AttributionSource> = {};
  for (const [name, source] of Object.entries(ATTRIBUTION_FIELD_NAMES)) {
    const field = Object.hasOwn(object.fields, name) ? object.fields[name] : undefined;
    if (field && !field.readonly && (field.type === 'text' || field.type === 'url' || field.type === 'longtext'))
      attributionFields[name] = source;
  }
  return {
    object,
    newestWins: new Set(mergeNewestWins(app, object.name)),
    statusField:
      status?.type === 'select' && !status.readonly && statusValues.has('clue') && statusValues.has('lead')
        ? 'status'
        : undefined,
    channelField:
      channel?.type === 'select' && !channel.readonly ? { name: 'source_channel', options: channelOptions } : undefined,
    attributionFields,
  };
}

/** The capture policy of an object of a compiled app, or undefined for an unknown object. */
export function capturePolicy(app: CompiledApp, objectName: string): CapturePolicy | undefined {
  const object = Object.hasOwn(app.objects, objectName) ? app.objects[objectName] : undefined;
  if (!object) return undefined;
  let perApp = cache.get(app);
  if (!perApp) {
    perApp = new Map();
    cache.set(app, perApp);
  }
  let policy = perApp.get(objectName);
  if (!policy) {
    policy = build(app, object);
    perApp.set(objectName, policy);
  }
  return policy;
}
