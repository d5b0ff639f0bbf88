import type { AppPackage } from '@leadforge/engine';

type Json = Record<string, unknown>;

export function anApp(overrides: Json = {}): Json {
  return {
    id: 'acme',
    name: { en: 'Acme' },
    version: '1.0.0',
    defaultLocale: 'en',
    defaultCountry: 'CN',
    ...overrides,
  };
}

export function aField(name: string, type: string, extra: Json = {}): Json {
  return { name, type, label: { en: name }, ...extra };
}

export function options(...values: string[]): Json[] {
  return values.map((value) => ({ value, label: { en: value } }));
}

export function aLeadObject(extraFields: Json[] = [], overrides: Json = {}): Json {
  return {
    id: 'lead',
    label: { en: 'Lead' },
    fields: [
      aField('name', 'text', { required: true }),
      aField('email', 'email', { indexed: true, pii: true }),
      aField('industry', 'select', { options: options('saas', 'retail') }),
      aField('employees', 'integer', { min: 0 }),
      aField('company', 'reference', { reference: 'company' }),
      aField('score', 'number', { readonly: true, default: 0 }),
      aField('grade', 'select', { readonly: true, options: options('cold', 'warm', 'hot') }),
      aField('stage', 'select', { readonly: true, default: 'new', options: options('new', 'proposal', 'won', 'lost') }),
      ...extraFields,
    ],
    dedupe: [['email']],
    ...overrides,
  };
}

export function aCompanyObject(): Json {
  return { id: 'company', label: { en: 'Company' }, fields: [aField('name', 'text', { required: true })] };
}

export function aRole(id: string, objects: Json = {}, extra: Json = {}): Json {
  return { id, label: { en: id }, objects, ...extra };
}

export const FULL = { read: true, create: true, update: true, delete: true, scope: 'all' } as const;

/** A small valid package: app, lead and company objects, admin and rep roles; `files` add or replace. */
export function aPackage(files: Json = {}): AppPackage & { files: Json } {
  return {
    files: {
      'app.json': anApp(),
      'objects/lead.json': aLeadObject(),
      'objects/company.json': aCompanyObject(),
      'roles.json': {
        roles: [
          aRole('admin', { lead: FULL, company: FULL }, { admin: true }),
          aRole('rep', { lead: { ...FULL, delete: false, scope: 'own' } }),
        ],
      },
      ...files,
    },
  };
}

export function aPipeline(overrides: Json = {}): Json {
  return {
    id: 'sales',
    object: 'lead',
    stages: [
      { id: 'new' },
      { id: 'proposal', requiredFields: ['email'] },
      { id: 'won', outcome: 'won' },
      { id: 'lost', outcome: 'lost' },
    ],
    ...overrides,
  };
}

export function aForm(overrides: Json = {}): Json {
  return {
    id: 'contact-us',
    object: 'lead',
    label: { en: 'Contact us' },
    fields: [{ field: 'name' }, { field: 'email' }],
    ...overrides,
  };
}

export function aScoringModel(overrides: Json = {}): Json {
  return {
    id: 'b2b',
    object: 'lead',
    rules: [{ id: 'saas', points: 5, when: { '==': [{ var: 'industry' }, 'saas'] } }],
    behaviour: { 'pricing.viewed': 10 },
    decay: { inactiveDays: 30, points: -10 },
    grades: [
      { min: 60, grade: 'hot', mql: true },
      { min: 30, grade: 'warm' },
      { min: -1000, grade: 'cold' },
    ],
    ...overrides,
  };
}

export function aRouting(overrides: Json = {}): Json {
  return {
    id: 'inbound',
    object: 'lead',
    rules: [
      {
        id: 'saas',
        when: { '==': [{ var: 'industry' }, 'saas'] },
        strategy: { type: 'round-robin', pool: { role: 'rep' } },
      },
    ],
    fallback: { type: 'queue', queue: 'unassigned' },
    pools: [{ id: 'unassigned', members: { role: 'rep' }, claimLimit: 20 }],
    ...overrides,
  };
}

export function anAutomation(overrides: Json = {}): Json {
  return {
    id: 'welcome',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: { '!!': [{ var: 'email' }] },
    actions: [
      { type: 'wait', for: 'PT1H' },
      { type: 'send-email', endpoint: 'smtp', to: 'record', subject: { en: 'Hi' }, body: { en: 'Welcome' } },
    ],
    ...overrides,
  };
}

export function aNurture(overrides: Json = {}): Json {
  return {
    id: 'onboarding',
    object: 'lead',
    exitWhen: { '==': [{ var: 'stage' }, 'won'] },
    steps: [
      { type: 'email', id: 'intro', subject: { en: 'Hello' }, body: { en: 'Hello' } },
      { type: 'wait', id: 'pause', for: 'P3D' },
    ],
    ...overrides,
  };
}

export function aReport(overrides: Json = {}): Json {
  return {
    id: 'by-industry',
    object: 'lead',
    label: { en: 'Leads by industry' },
    filters: { stage: { $ne: 'lost' } },
    dimensions: [{ field: 'industry' }],
    measures: [
      { id: 'leads', op: 'count' },
      { id: 'avg_score', op: 'avg', field: 'score' },
    ],
    chart: { type: 'bar' },
    sort: [{ by: 'leads', direction: 'desc' }],
    ...overrides,
  };
}

export function aDashboard(overrides: Json = {}): Json {
  return {
    id: 'overview',
    label: { en: 'Overview' },
    widgets: [{ id: 'industries', report: 'by-industry', x: 0, y: 0, w: 6, h: 4 }],
    ...overrides,
  };
}

/** Every kind at once, all valid: the base for "one mistake" cross-check tests. */
export function aFullPackage(files: Json = {}): AppPackage & { files: Json } {
  return aPackage({
    'pipelines/sales.json': aPipeline(),
    'forms/contact-us.json': aForm(),
    'scoring/b2b.json': aScoringModel(),
    'routing/inbound.json': aRouting(),
    'automations/welcome.json': anAutomation(),
    'nurture/onboarding.json': aNurture(),
    'reports/by-industry.json': aReport(),
    'dashboards/overview.json': aDashboard(),
    ...files,
  });
}
