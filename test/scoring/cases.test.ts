// Scoring case tables (STYLE lesson 3): each case through scoreLead and through an independent
// reference scorer whose conditions run in json-logic-js.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { compileScoringModel, scoreLead } from '../../engine/src/scoring/index.js';
import type { LeadEvent } from '../../engine/src/scoring/types.js';
import { useReferenceOperators } from '../rules/support/reference.js';
import { registry } from './builders.js';
import { referenceScore } from './support/referenceScore.js';

interface ScoringCase {
  readonly description: string;
  readonly model: Parameters<typeof referenceScore>[0] & { id: string };
  readonly record: unknown;
  readonly events: (LeadEvent & { at: string })[];
  readonly now: string;
  readonly result: { score: number; grade: string | null; mql: boolean };
}

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.json'))) {
  const cases = JSON.parse(readFileSync(path.join(casesDir, file), 'utf8')) as ScoringCase[];
  describe(`scoring: cases/${file}`, () => {
    for (const c of cases) {
      it(c.description, () => {
        const now = new Date(c.now);
        const compiled = compileScoringModel(c.model, registry);
        if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
        const score = scoreLead(compiled.model, c.record, c.events, now);
        expect({ score: score.score, grade: score.grade, mql: score.mql }, 'scoreLead').to.deep.equal(c.result);
        expect(score.fired.reduce((total, line) => total + line.points, 0)).to.equal(score.score);
        useReferenceOperators({ now });
        expect(referenceScore(c.model, c.record, c.events, now), 'reference scorer').to.deep.equal(c.result);
      });
    }
  });
}
