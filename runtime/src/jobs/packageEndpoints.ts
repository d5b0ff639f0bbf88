import type { AppPackage, PackageProblem } from '@leadforge/engine';
import {
  channelConfigProblems,
  endpointIdProblem,
  endpointSecretContext,
  listEndpoints,
  openChannelConfig,
  packageEndpointRefs,
  type StoredEndpoint,
} from '../../../engine/src/delivery/index.js';
import type { RuntimeContext } from '../context.js';
import { runtimeDelivery } from './runtimeDelivery.js';

/**
 * What is wrong, at publish, with the delivery endpoints a package names (`file: /pointer:
 * sentence`): an endpoint that does not exist, is of the wrong channel, was disabled by a 410,
 * whose secrets cannot be opened with the current keys, or whose stored configuration no longer
 * passes the channel schema and the SSRF rules (bad URL, forbidden address, missing secret —
 * the allow list may have changed since it was saved). Names are checked again at connect time.
 */
export async function packageEndpointProblems(
  ctx: Pick<RuntimeContext, 'db' | 'clock'>,
  tenantId: string,
  pkg: AppPackage,
): Promise<PackageProblem[]> {
  const refs = packageEndpointRefs(pkg.files);
  if (refs.length === 0) return [];
  const delivery = runtimeDelivery(ctx);
  const stored = new Map<string, StoredEndpoint>();
  for (const endpoint of await listEndpoints(ctx.db, tenantId)) stored.set(endpoint.id, endpoint);
  const verdicts = new Map<string, string | null>();
  const verdictOf = (endpoint: StoredEndpoint): string | null => {
    const known = verdicts.get(endpoint.id);
    if (known !== undefined) return known;
    let verdict: string | null = null;
    const channel = delivery.channels.get(endpoint.channel);
    if (!channel) verdict = `uses the "${endpoint.channel}" channel, which no installed plugin provides`;
    else if (endpoint.disabledAt)
      verdict = `is disabled (${endpoint.disabledReason ?? 'by an operator'}); re-enable it with POST /api/v1/delivery/endpoints/${endpoint.id}/enable`;
    else {
      try {
        const config = openChannelConfig(
          channel,
          endpoint.config,
          delivery.keyring,
          endpointSecretContext(tenantId, endpoint.id),
        );
        const problems = channelConfigProblems(channel, config, delivery.policy.allowList);
        if (problems.length > 0)
          verdict = `is misconfigured: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`;
      } catch {
        verdict = 'has secrets the current LEADFORGE_SECRET_KEY cannot open; configure it again';
      }
    }
    verdicts.set(endpoint.id, verdict);
    return verdict;
  };
  const problems: PackageProblem[] = [];
  for (const ref of refs) {
    // a malformed id is the package's own problem, reported by validation
    if (endpointIdProblem(ref.endpoint) !== null) continue;
    const endpoint = stored.get(ref.endpoint);
    const say = (sentence: string) =>
      problems.push({ file: ref.file, pointer: ref.pointer, message: `endpoint "${ref.endpoint}" ${sentence}` });
    if (!endpoint) {
      say('does not exist: create it with POST /api/v1/delivery/endpoints before publishing');
      continue;
    }
    if (ref.channel !== null && endpoint.channel !== ref.channel) {
      say(`uses the ${endpoint.channel} channel; this step needs one of the ${ref.channel} channel`);
      continue;
    }
    const verdict = verdictOf(endpoint);
    if (verdict) say(verdict);
  }
  return problems;
}
