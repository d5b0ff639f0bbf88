import type { AllowList } from './allowList.js';
import { checkTargetUrl } from './checkTarget.js';

/**
 * App packages name delivery endpoints by id only (`"endpoint": "erp-webhook"`): the URL and the
 * secrets of an endpoint live in the database, configured through the API, because secrets
 * cannot live in a package that is exported, versioned and shared. These helpers find those
 * references and say what is wrong with one, for `leadforge validate` and for publish.
 */

/** The id pattern the endpoint API accepts. */
export const ENDPOINT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Why a package's `endpoint` value can never name an endpoint, or null. A URL gets its own
 * sentence, including what the SSRF rules think of it (the address would be refused anyway).
 */
export function endpointIdProblem(value: string, allow: AllowList = []): string | null {
  if (ENDPOINT_ID_PATTERN.test(value)) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const checked = checkTargetUrl(value, allow);
    const verdict = checked.ok ? '' : ` (and this one would be refused: ${checked.message})`;
    return (
      'names a delivery endpoint by id, not a URL: create the endpoint (its URL and secret) with ' +
      `POST /api/v1/delivery/endpoints and put its id here${verdict}`
    );
  }
  return 'must be an endpoint id: lower-case letters, digits, - and _ (at most 64)';
}

/** One place a package names an endpoint. */
export interface PackageEndpointRef {
  readonly file: string;
  /** JSON pointer of the `endpoint` property. */
  readonly pointer: string;
  readonly endpoint: string;
  /** The channel the step needs (webhook, email, wecom, dingtalk), when the step says. */
  readonly channel: string | null;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The channel a step sending through `endpoint` needs, from its `type` (and `channel` for notify). */
function channelOfStep(step: Readonly<Record<string, unknown>>): string | null {
  switch (step['type']) {
    case 'webhook':
      return 'webhook';
    case 'send-email':
      return 'email';
    case 'notify': {
      const channel = step['channel'];
      return typeof channel === 'string' && channel !== 'in-app' ? channel : null;
    }
    default:
      return null;
  }
}

/** Every `"endpoint": "<id>"` in the package's files, with where it is and which channel its step needs. */
export function packageEndpointRefs(files: Readonly<Record<string, unknown>>): PackageEndpointRef[] {
  const refs: PackageEndpointRef[] = [];
  const walk = (file: string, value: unknown, pointer: string, depth: number): void => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(file, item, `${pointer}/${i}`, depth + 1);
      });
      return;
    }
    const node = value as Readonly<Record<string, unknown>>;
    const endpoint = Object.hasOwn(node, 'endpoint') ? node['endpoint'] : undefined;
    if (typeof endpoint === 'string') {
      refs.push({ file, pointer: `${pointer}/endpoint`, endpoint, channel: channelOfStep(node) });
    }
    for (const [key, child] of Object.entries(node)) walk(file, child, `${pointer}/${escapePointer(key)}`, depth + 1);
  };
  for (const [file, content] of Object.entries(files)) walk(file, content, '', 0);
  return refs;
}
