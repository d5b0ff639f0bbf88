// JSON case tables (STYLE lesson 3): every case runs through the reference interpreter (json-logic-js)
// and the compiled evaluator, unless it documents a difference (`compiledOnly` says why).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createOperatorRegistry } from '../../engine/src/rules/index.js';
import { MODES } from './support/modes.js';
import { referenceOutcome, sameValue, show, useReferenceOperators } from './support/reference.js';

interface RuleCase {
  readonly description: string;
  readonly rule: unknown;
  readonly data: unknown;
  readonly now?: string;
  readonly result?: unknown;
  readonly refused?: true;
  readonly error?: 'RULE_LIMIT' | 'RULE_ERROR';
  readonly compiledOnly?: string;
}

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const DEFAULT_NOW = '2026-03-02T09:00:00Z';

/** JSON has no NaN or Infinity: `{"$number": "NaN"}` stands for them; `{"$range": n}` for [0 … n-1]. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  if (keys.length === 1 && keys[0] === '$number') return Number(record['$number']);
  if (keys.length === 1 && keys[0] === '$range') return Array.from({ length: record['$range'] as number }, (_, i) => i);
  return value;
}

const registry = createOperatorRegistry();

for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.json'))) {
  const cases = JSON.parse(readFileSync(path.join(casesDir, file), 'utf8')) as RuleCase[];
  for (const [mode, compile] of MODES)
    describe(`rules: cases/${file} (${mode})`, () => {
      for (const c of cases) {
        it(c.description, () => {
          const context = { now: new Date(c.now ?? DEFAULT_NOW) };
          const data = decode(c.data);
          const compiled = compile(c.rule, registry);
          if (c.refused) {
            expect(compiled.ok, 'refused at publish').to.equal(false);
            return;
          }
          if (!compiled.ok) {
            expect.fail(`refused at publish: ${show(compiled.problems)}`);
            return;
          }
          const outcome = compiled.evaluate(data, context);
          if (c.error) {
            expect(outcome.ok ? 'ok' : outcome.error.code).to.equal(c.error);
          } else {
            const expected = decode(c.result);
            expect(outcome.ok && sameValue(outcome.value, expected), `compiled: ${show(outcome)}`).to.equal(true);
          }
          if (c.compiledOnly === undefined) {
            useReferenceOperators(context);
            const reference = referenceOutcome(c.rule, data);
            expect(
              !reference.threw && sameValue(reference.value, decode(c.result)),
              `json-logic-js: ${show(reference)}`,
            ).to.equal(true);
          }
        });
      }
    });
}
