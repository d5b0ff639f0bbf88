import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { fieldJsonSchema } from '../compile/fieldJsonSchema.js';
import type { CompiledApp, Label } from '../compile/types.js';
import type { FormDefinition } from '../package/schemas/form.js';
import type { FieldDefinition, ObjectDefinition } from '../package/schemas/index.js';
import { compileRule } from '../rules/compileRule.js';
import type { OperatorRegistry } from '../rules/types.js';
import { type FormFieldEntry, fieldUiSchema, publicFieldSchema } from './answerSchema.js';
import { compileConditions, formOperators } from './formState.js';
import type {
  CaptchaSpec,
  CompiledForm,
  FieldCondition,
  FormConsent,
  FormStep,
  FormView,
  HiddenFieldSpec,
  HiddenSource,
  ThankYou,
} from './types.js';
import { validateAnswers } from './validateAnswers.js';

const DEFAULT_SUBMIT: Label = { en: 'Submit', 'zh-CN': '提交' };
const DEFAULT_THANK_YOU: Label = {
  en: 'Thank you! We will be in touch soon.',
  'zh-CN': '感谢提交！我们会尽快与您联系。',
};
const HONEYPOT_NAMES = ['website_url', 'fax_number', 'company_homepage', 'contact_fax'];
const UTM = new Set(['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']);
/** A submission sooner than this after the form was served is a bot (issue 3: too-fast fill). */
export const DEFAULT_MIN_FILL_SECONDS = 3;

const cache = new WeakMap<CompiledApp, Map<string, CompiledForm | null>>();

function hiddenSource(entry: FormDefinition['fields'][number]): HiddenSource | undefined {
  if (entry.from !== undefined) return entry.from as HiddenSource;
  if (entry.fromQuery === undefined) return undefined;
  if (UTM.has(entry.fromQuery)) return entry.fromQuery as HiddenSource;
  return `param:${entry.fromQuery}`;
}

/** Steps as the page walks them; fields on no step go on the last one; no steps: one step with every field. */
function stepsOf(form: FormDefinition, answerFields: readonly string[]): FormStep[] {
  if (!form.steps) return [{ id: 'main', title: form.label, fields: [...answerFields] }];
  const placed = new Set<string>();
  const steps = form.steps.map((s) => {
    const fields = s.fields.filter((f) => answerFields.includes(f) && !placed.has(f));
    for (const f of fields) placed.add(f);
    return { id: s.id, title: s.label, fields };
  });
  const rest = answerFields.filter((f) => !placed.has(f));
  if (rest.length > 0) steps[steps.length - 1] = { ...steps.at(-1)!, fields: [...steps.at(-1)!.fields, ...rest] };
  return steps;
}

function thankYouOf(form: FormDefinition): ThankYou {
  if (form.thankYou?.redirectUrl !== undefined) return { redirectUrl: form.thankYou.redirectUrl };
  return { message: form.thankYou?.message ?? DEFAULT_THANK_YOU };
}

function consentOf(form: FormDefinition): FormConsent | null {
  if (!form.consent) return null;
  return {
    field: form.consent.field ?? 'consent',
    text: form.consent.text,
    version: form.consent.version ?? '1',
    required: form.consent.required ?? true,
  };
}

function captchaOf(form: FormDefinition): CaptchaSpec | null {
  const provider = form.spamProtection?.captcha;
  if (provider === undefined || provider === 'none') return null;
  return { provider, siteKey: form.spamProtection?.captchaSiteKey ?? '' };
}

function build(app: CompiledApp, form: FormDefinition, registry: OperatorRegistry): CompiledForm {
  const object = app.objects[form.object]!;
  const definition = app.files[`objects/${form.object}.json`] as ObjectDefinition | undefined;
  const helpOf = (name: string) => definition?.fields.find((f: FieldDefinition) => f.name === name)?.help;
  const consentField = form.consent?.field;
  const entries: FormFieldEntry[] = form.fields
    .filter((entry) => entry.field !== consentField)
    .map((entry) => ({ entry, field: object.fields[entry.field]!, objectHelp: helpOf(entry.field) }));
  const shown = entries.filter((e) => !e.entry.hidden);
  const steps = stepsOf(
    form,
    shown.map((e) => e.entry.field),
  );
  const answerFields = steps.flatMap((s) => s.fields);
  const byName = new Map(entries.map((e) => [e.entry.field, e]));
  const conditions: Record<string, FieldCondition> = {};
  const staticRequired: string[] = [];
  for (const { entry, field } of shown) {
    const required = entry.required === true || (field.required && field.default === undefined);
    if (entry.visibleWhen === undefined && entry.requiredWhen === undefined) {
      if (required) staticRequired.push(entry.field);
      continue;
    }
    conditions[entry.field] = {
      ...(entry.visibleWhen !== undefined ? { visibleWhen: entry.visibleWhen } : {}),
      ...(entry.requiredWhen !== undefined
        ? { requiredWhen: entry.requiredWhen }
        : required
          ? { requiredWhen: true }
          : {}),
    };
  }
  const hiddenEntries = entries.filter((e) => e.entry.hidden);
  const hidden: HiddenFieldSpec[] = [];
  const hiddenDefaults: Record<string, unknown> = {};
  for (const { entry } of hiddenEntries) {
    const from = hiddenSource(entry);
    if (from !== undefined) hidden.push({ field: entry.field, from });
    if (entry.default !== undefined) hiddenDefaults[entry.field] = structuredClone(entry.default);
  }
  const order = [...answerFields, ...hiddenEntries.map((e) => e.entry.field)];
  const properties = Object.fromEntries(order.map((name) => [name, publicFieldSchema(byName.get(name)!)]));
  const uiSchema: Record<string, unknown> = { 'ui:order': order };
  for (const name of order) {
    const ui = fieldUiSchema(byName.get(name)!);
    if (Object.keys(ui).length > 0) uiSchema[name] = ui;
  }
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    title: form.label,
    properties,
    required: staticRequired,
    additionalProperties: false,
  };
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const check = ajv.compile({
    type: 'object',
    properties: Object.fromEntries(answerFields.map((name) => [name, fieldJsonSchema(object.fields[name]!)])),
    additionalProperties: false,
  });
  const compiledConditions = compileConditions(conditions, registry);
  const appFile = app.files['app.json'] as { locales?: readonly string[] } | undefined;
  const locale = form.locale ?? app.defaultLocale;
  const locales = [...new Set([locale, ...(appFile?.locales ?? [app.defaultLocale])])];
  const taken = new Set([...object.fieldNames, ...order]);
  const view: FormView = {
    form: form.id,
    object: form.object,
    locale,
    locales,
    title: form.label,
    submitLabel: form.submitLabel ?? DEFAULT_SUBMIT,
    steps,
    schema,
    uiSchema,
    conditions,
    hidden,
    consent: consentOf(form),
    thankYou: thankYouOf(form),
    honeypotField: HONEYPOT_NAMES.find((n) => !taken.has(n)) ?? 'hp_field',
    captcha: captchaOf(form),
  };
  let qualifyWhen: CompiledForm['qualifyWhen'];
  if (form.qualifyWhen !== undefined) {
    const rule = compileRule(form.qualifyWhen, registry);
    if (!rule.ok) throw new Error(`qualifyWhen of form "${form.id}" does not compile: ${rule.problems[0]?.message}`);
    qualifyWhen = rule;
  }
  const rules = {
    object,
    defaultCountry: app.defaultCountry,
    answerFields: new Set(answerFields),
    hiddenFields: new Set(hiddenEntries.map((e) => e.entry.field)),
    staticRequired,
    conditions: compiledConditions,
    check,
  };
  const sp = form.spamProtection;
  return {
    id: form.id,
    object: form.object,
    channel: form.channel ?? 'form',
    as: form.as,
    view,
    protection: {
      honeypot: sp?.honeypot ?? true,
      minFillMs: (sp?.minFillSeconds ?? DEFAULT_MIN_FILL_SECONDS) * 1000,
      maxPerMinutePerIp: sp?.maxPerMinutePerIp,
      maxPerMinute: sp?.maxPerMinute,
      blockedDomains: sp?.blockedDomains ?? [],
      allowedOrigins: form.allowedOrigins ?? [],
    },
    answerFields,
    hiddenDefaults,
    conditions: compiledConditions,
    qualifyWhen,
    validateAnswers: (answers, wanted) => validateAnswers(rules, answers, locales.includes(wanted) ? wanted : locale),
  };
}

/**
 * The form `formId` of a compiled app, compiled once per app version (cached), or undefined
 * when the app has no such form. A form of a published app always compiles: the package
 * validator checked its fields and rules.
 */
export function compileForm(
  app: CompiledApp,
  formId: string,
  registry: OperatorRegistry = formOperators(),
): CompiledForm | undefined {
  let perApp = cache.get(app);
  if (!perApp) {
    perApp = new Map();
    cache.set(app, perApp);
  }
  if (perApp.has(formId)) return perApp.get(formId) ?? undefined;
  const path = `forms/${formId}.json`;
  const definition = Object.hasOwn(app.files, path) ? (app.files[path] as FormDefinition) : undefined;
  const compiled =
    definition && Object.hasOwn(app.objects, definition.object) ? build(app, definition, registry) : null;
  perApp.set(formId, compiled);
  return compiled ?? undefined;
}

/** The ids of the app's forms, sorted. */
export function formIds(app: CompiledApp): string[] {
  return Object.keys(app.files)
    .filter((p) => p.startsWith('forms/') && p.endsWith('.json'))
    .map((p) => p.slice('forms/'.length, -'.json'.length))
    .sort();
}
