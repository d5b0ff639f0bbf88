import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Problem } from '../errors/types.js';
import type { AnyAction } from './actions.js';
import type { AllowList } from './allowList.js';
import { checkHost, checkTargetUrl } from './checkTarget.js';
import { isSealed, openSecret, type SecretKeyring, sealSecret } from './secrets.js';
import type { AnyChannel, ChannelConfigSchema } from './types.js';

const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const compiled = new WeakMap<ChannelConfigSchema, ValidateFunction>();

function validatorFor(schema: ChannelConfigSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Names of the configuration fields marked `writeOnly: true` — the secrets. */
export function secretFields(schema: ChannelConfigSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, property]) => (property as { writeOnly?: unknown }).writeOnly === true)
    .map(([name]) => name);
}

function problemOf(error: ErrorObject, base: string): Problem {
  const missing =
    error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
  const extra =
    error.keyword === 'additionalProperties'
      ? `/${(error.params as { additionalProperty: string }).additionalProperty}`
      : '';
  const message =
    error.keyword === 'required'
      ? 'is required'
      : error.keyword === 'additionalProperties'
        ? 'is not a known setting'
        : (error.message ?? 'is invalid');
  return { path: `${base}${error.instancePath}${missing}${extra}`, message };
}

/** Schema problems of a configuration, each at a JSON pointer under `base`. */
function schemaProblems(schema: ChannelConfigSchema, config: unknown, base: string): Problem[] {
  const validate = validatorFor(schema);
  return validate(config) ? [] : (validate.errors ?? []).map((e) => problemOf(e, base));
}

/**
 * What is wrong with an automation step's configuration for a plugin action, at JSON pointers
 * under `base` (e.g. `/actions/2/config`) — for the publish-time cross-check.
 */
export function actionConfigProblems(action: AnyAction, config: unknown, base = ''): Problem[] {
  return schemaProblems(action.configSchema, config, base);
}

/**
 * Everything wrong with an endpoint's configuration, each at a JSON pointer under `base`: the
 * channel's schema (missing secret, bad URL, unknown setting), then every destination through
 * the SSRF pre-check (scheme, credentials, forbidden literal address). Names are checked again
 * when connecting.
 */
export function channelConfigProblems(channel: AnyChannel, config: unknown, allow: AllowList, base = ''): Problem[] {
  const problems = schemaProblems(channel.configSchema, config, base);
  if (problems.length > 0) return problems;
  for (const target of channel.targets(config as Readonly<Record<string, unknown>>)) {
    const check = 'url' in target ? checkTargetUrl(target.url, allow) : checkHost(target.host, target.port, allow);
    if (!check.ok) problems.push({ path: `${base}${target.pointer}`, message: check.message });
  }
  return problems;
}

function contextOf(context: string, field: string): string {
  return `${context}#${field}`;
}

/** The configuration to store: each secret field's value sealed (as JSON) with the current key. */
export function sealChannelConfig(
  channel: AnyChannel,
  config: Readonly<Record<string, unknown>>,
  keyring: SecretKeyring,
  context: string,
): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...config };
  for (const field of secretFields(channel.configSchema)) {
    if (field in stored && !isSealed(stored[field])) {
      stored[field] = sealSecret(JSON.stringify(stored[field]), keyring, contextOf(context, field));
    }
  }
  return stored;
}

/** The configuration a delivery uses: secret fields opened. Throws when a key is missing or wrong. */
export function openChannelConfig(
  channel: AnyChannel,
  stored: Readonly<Record<string, unknown>>,
  keyring: SecretKeyring,
  context: string,
): Record<string, unknown> {
  const config: Record<string, unknown> = { ...stored };
  for (const field of secretFields(channel.configSchema)) {
    const value = config[field];
    if (isSealed(value)) config[field] = JSON.parse(openSecret(value, keyring, contextOf(context, field)));
  }
  return config;
}

/** What an API may show: the configuration without its secrets, and which secrets are set. */
export function redactChannelConfig(
  channel: AnyChannel,
  stored: Readonly<Record<string, unknown>>,
): { config: Record<string, unknown>; secretsSet: string[] } {
  const config: Record<string, unknown> = { ...stored };
  const secretsSet: string[] = [];
  for (const field of secretFields(channel.configSchema)) {
    if (field in config) secretsSet.push(field);
    delete config[field];
  }
  return { config, secretsSet };
}
