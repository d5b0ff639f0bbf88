import { type CompiledApp, createOperatorRegistry, type OperatorRegistry } from '@leadforge/engine';
import { type AppAutomations, compileAutomations } from '../../../engine/src/automation/index.js';

const cache = new Map<string, AppAutomations>();
let registry: OperatorRegistry | undefined;

/** The automations of a published app, compiled once per app fingerprint. */
export function automationsOf(app: CompiledApp): AppAutomations {
  const known = cache.get(app.fingerprint);
  if (known) return known;
  registry ??= createOperatorRegistry();
  const built = compileAutomations(app, registry);
  if (cache.size > 64) cache.clear();
  cache.set(app.fingerprint, built);
  return built;
}
