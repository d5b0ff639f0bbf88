import { createOperatorRegistry } from '../../engine/src/rules/index.js';
import { compileScoringModel } from '../../engine/src/scoring/index.js';
import type { CompiledScoringModel, LeadEvent } from '../../engine/src/scoring/types.js';

export const NOW = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
const registry = createOperatorRegistry();

/** DESIGN.md's example model, in the full behaviour-rule form. */
export function aModelDefinition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'b2b-default',
    object: 'lead',
    rules: [
      { id: 'target-industry', points: 5, when: { in: [{ var: 'industry' }, ['saas', 'manufacturing']] } },
      { id: 'decision-maker', points: 10, when: { in: [{ var: 'role' }, ['ceo', 'cto', 'vp']] } },
      { id: 'large-company', points: 8, when: { '>': [{ var: 'employees' }, 500] } },
      { id: 'personal-email', points: -5, when: { freemail: [{ var: 'email' }] } },
    ],
    behaviour: [
      { id: 'whitepaper', event: 'whitepaper.downloaded', points: 5 },
      { id: 'pricing', event: 'pricing.viewed', points: 10, cap: 25 },
      { id: 'webinar', event: 'webinar.attended', points: 15, once: true },
    ],
    grades: [
      { min: 60, grade: 'hot', mql: true },
      { min: 30, grade: 'warm' },
      { min: -1000, grade: 'cold' },
    ],
    ...overrides,
  };
}

export function aModel(overrides: Record<string, unknown> = {}): CompiledScoringModel {
  const compiled = compileScoringModel(aModelDefinition(overrides), registry);
  if (!compiled.ok) throw new Error(`model does not compile: ${JSON.stringify(compiled.problems)}`);
  return compiled.model;
}

export function aLead(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { industry: 'retail', role: 'engineer', employees: 40, email: 'ann@acme.com', ...fields };
}

let sequence = 0;

/** An event `daysAgo` days before NOW. */
export function anEvent(type: string, daysAgo = 1, properties?: Record<string, unknown>, id?: string): LeadEvent {
  sequence++;
  return {
    id: id ?? `ev-${String(sequence).padStart(5, '0')}`,
    type,
    at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    ...(properties ? { properties } : {}),
  };
}

export { registry };
