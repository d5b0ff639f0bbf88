import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import type { FilterOptions } from '../../engine/src/filter/types.js';
import { render } from '../../engine/src/store/sql.js';
import { anObject, leadObject } from '../support/objects.js';

const opportunity = anObject('opportunity', {
  amount: { type: 'currency' },
  stage: { type: 'select', options: [{ value: 'won', label: { en: 'won' } }] },
  lead: { type: 'reference', reference: 'lead' },
  note: { type: 'text' },
});

const reachLeads: FilterOptions = {
  relatedObject: (name) =>
    name === 'lead' ? { object: leadObject, hiddenFields: new Set(['salary']), scope: { kind: 'all' } } : undefined,
};

function compiled(filter: unknown, options: FilterOptions = {}, object = leadObject) {
  const result = compileFilter(filter, object, options);
  if (!result.ok) throw new Error(`expected a filter, got ${JSON.stringify(result.problems)}`);
  return render(result.value);
}

function problems(filter: unknown, options: FilterOptions = {}, object = leadObject) {
  const result = compileFilter(filter, object, options);
  if (result.ok) throw new Error(`expected problems, got ${render(result.value).text}`);
  return result.problems;
}

describe('filter: record conditions ($stage, $mql, $related, $channel)', () => {
  it('compiles $stage to a semi-join on stage_history with every value a parameter', () => {
    const { text, params } = compiled({ $stage: { pipeline: 'lead', stage: ['proposal', 'won'], exited: true } });
    expect(text).to.equal(
      '(tenant_id, id) IN (SELECT sh.tenant_id, sh.record_id FROM stage_history sh WHERE sh.pipeline = $1 AND sh.object = $2 AND sh.stage = ANY ($3::text[]) AND sh.exited_at IS NOT NULL)',
    );
    expect(params).to.deep.equal(['lead', 'lead', ['proposal', 'won']]);
  });

  it('bounds when the stage was entered with date-times', () => {
    const { text, params } = compiled({
      $stage: {
        pipeline: 'lead',
        stage: 'won',
        enteredAt: { $gte: '2026-01-01T00:00:00Z', $lt: '2026-02-01T00:00:00+08:00' },
      },
    });
    expect(text).to.contain('sh.entered_at >= $4::timestamptz AND sh.entered_at < $5::timestamptz');
    expect(params.slice(3)).to.deep.equal(['2026-01-01T00:00:00.000Z', '2026-01-31T16:00:00.000Z']);
  });

  it('compiles $mql for any model and for one model', () => {
    expect(compiled({ $mql: true }).text).to.equal(
      '(tenant_id, id) IN (SELECT rs.tenant_id, rs.record_id FROM record_scores rs WHERE rs.mql AND rs.object = $1)',
    );
    expect(compiled({ $mql: { model: 'fit' } }).params).to.deep.equal(['lead', 'fit']);
  });

  it('combines with fields, $and, $or and $not', () => {
    const { text } = compiled({
      industry: 'saas',
      $not: { $stage: { pipeline: 'lead', stage: 'lost' } },
      $or: [{ $mql: true }, { $stage: { pipeline: 'lead', stage: 'won' } }],
    });
    expect(text).to.match(
      /^\(data->'industry' = \$1::jsonb AND \(\(tenant_id, id\) IN .*\) IS NOT TRUE AND \(.* OR .*\)\)$/,
    );
  });

  it('compiles $related through the reference field, with the related scope and a nested filter', () => {
    const { text, params } = compiled(
      { stage: 'won', $related: { field: 'lead', filter: { industry: 'saas', $mql: true } } },
      {
        relatedObject: (n) =>
          n === 'lead'
            ? { object: leadObject, scope: { kind: 'own', userId: '00000000-0000-4000-8000-000000000001' } }
            : undefined,
      },
      opportunity,
    );
    expect(text).to.contain(
      "(tenant_id, data->>'lead') IN (SELECT t.tenant_id, t.id::text FROM records t WHERE t.object = $2 AND t.deleted_at IS NULL AND owner_id = $3::uuid AND (",
    );
    expect(params).to.deep.equal(['"won"', 'lead', '00000000-0000-4000-8000-000000000001', '"saas"', 'lead']);
  });

  it('compiles $channel to the first touch of the record, the name a parameter, null for none', () => {
    const named = compiled({ $channel: "event' OR TRUE --" });
    expect(named.text).to.equal(`NULLIF(attribution->'firstTouch'->'channel', 'null'::jsonb) = to_jsonb($1::text)`);
    expect(named.params).to.deep.equal(["event' OR TRUE --"]);
    expect(compiled({ $channel: null }).text).to.equal(
      `NULLIF(attribution->'firstTouch'->'channel', 'null'::jsonb) IS NULL`,
    );
    // records without a first touch are "not ads" too
    expect(compiled({ $not: { $channel: 'ads' } }).text).to.equal(
      `(NULLIF(attribution->'firstTouch'->'channel', 'null'::jsonb) = to_jsonb($1::text)) IS NOT TRUE`,
    );
  });

  describe('refuses hostile or wrong input with a pointer', () => {
    const cases: [string, unknown, string, FilterOptions?, typeof leadObject?][] = [
      ['$stage without an object', { $stage: 'won' }, '/$stage'],
      ['$stage with an unknown key', { $stage: { pipeline: 'lead', stage: 'won', sql: 'x' } }, '/$stage/sql'],
      [
        '$stage with an injection as a stage',
        { $stage: { pipeline: 'lead', stage: ["won') OR TRUE --"] } },
        '/$stage/stage/0',
      ],
      ['$stage with NUL in the pipeline', { $stage: { pipeline: 'le\u0000ad', stage: 'won' } }, '/$stage/pipeline'],
      ['$stage with no stages', { $stage: { pipeline: 'lead', stage: [] } }, '/$stage/stage'],
      [
        '$stage with 101 stages',
        { $stage: { pipeline: 'lead', stage: Array.from({ length: 101 }, (_, i) => `s${i}`) } },
        '/$stage/stage',
      ],
      ['$stage exited as text', { $stage: { pipeline: 'lead', stage: 'won', exited: 'yes' } }, '/$stage/exited'],
      [
        '$stage entered at 30 February',
        { $stage: { pipeline: 'lead', stage: 'won', enteredAt: { $gte: '2023-02-30T00:00:00Z' } } },
        '/$stage/enteredAt/$gte',
      ],
      [
        '$stage entered with $eq',
        { $stage: { pipeline: 'lead', stage: 'won', enteredAt: { $eq: '2023-02-01T00:00:00Z' } } },
        '/$stage/enteredAt/$eq',
      ],
      ['$mql false', { $mql: false }, '/$mql'],
      ['$channel as a number', { $channel: 7 }, '/$channel'],
      ['$channel empty', { $channel: '' }, '/$channel'],
      ['$channel as an operator object', { $channel: { $ne: 'ads' } }, '/$channel'],
      ['$channel with NUL', { $channel: 'a\u0000b' }, '/$channel'],
      ['$mql with an injected model', { $mql: { model: "x' OR '1'='1" } }, '/$mql/model'],
      [
        '$related without relatedObject',
        { $related: { field: 'lead', filter: {} } },
        '/$related/field',
        {},
        opportunity,
      ],
      [
        '$related on a text field',
        { $related: { field: 'note', filter: {} } },
        '/$related/field',
        reachLeads,
        opportunity,
      ],
      [
        '$related on a prototype key',
        { $related: { field: '__proto__', filter: {} } },
        '/$related/field',
        reachLeads,
        opportunity,
      ],
      [
        '$related reaching a hidden field',
        { $related: { field: 'lead', filter: { salary: 1 } } },
        '/$related/filter/salary',
        reachLeads,
        opportunity,
      ],
      [
        '$related with a bad nested filter',
        { $related: { field: 'lead', filter: { nope: 1 } } },
        '/$related/filter/nope',
        reachLeads,
        opportunity,
      ],
      [
        '$related nested too deep',
        { $related: { field: 'lead', filter: JSON.parse(`${'{"$not":'.repeat(20)}{}${'}'.repeat(20)}`) } },
        '/$related/filter',
        reachLeads,
        opportunity,
      ],
    ];
    for (const [what, filter, path, options, object] of cases) {
      it(`refuses ${what} at ${path}`, () => {
        const found = problems(filter, options ?? {}, object ?? leadObject);
        expect(
          found.map((p) => p.path).some((p) => p.startsWith(path)),
          JSON.stringify(found),
        ).to.equal(true);
      });
    }

    it('counts nested conditions against the filter limit', () => {
      const onLead = { $or: Array.from({ length: 150 }, () => ({ industry: 'saas' })) };
      const found = problems(
        { $or: Array.from({ length: 150 }, () => ({ note: 'x' })), $related: { field: 'lead', filter: onLead } },
        reachLeads,
        opportunity,
      );
      expect(found.map((p) => p.message).join()).to.contain('at most 200 conditions');
    });
  });
});
