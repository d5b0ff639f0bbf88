import { expect } from 'chai';
import { type CompiledObject, compileApp } from '@leadforge/engine';
import { aField, aPackage, options } from '../package/packageBuilders.js';

const USER = '0b7c3a52-6f0e-4c1e-9f55-2d6c0f6f9a11';

/** An object with one field of every type; `name` is the only required one. */
function aThing(): CompiledObject {
  const thing = {
    id: 'thing',
    label: { en: 'Thing' },
    fields: [
      aField('name', 'text', { required: true, max: 20 }),
      aField('code', 'text', { pattern: '^[A-Z]{3}$' }),
      aField('notes', 'longtext'),
      aField('email', 'email'),
      aField('phone', 'phone'),
      aField('website', 'url'),
      aField('rating', 'number', { min: 0, max: 5 }),
      aField('seats', 'integer', { min: 1 }),
      aField('budget', 'currency'),
      aField('active', 'boolean', { default: true }),
      aField('born', 'date'),
      aField('seen_at', 'datetime'),
      aField('tier', 'select', { options: options('gold', 'silver') }),
      aField('tags', 'multiselect', { options: options('a', 'b', 'c') }),
      aField('assignee', 'user'),
      aField('company', 'reference', { reference: 'company' }),
      aField('score', 'number', { readonly: true, default: 0 }),
      aField('status', 'select', { required: true, default: 'open', options: options('open', 'closed') }),
    ],
  };
  const result = compileApp(aPackage({ 'objects/thing.json': thing }));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.app.objects['thing']!;
}

const thing = aThing();

function problemsOf(result: ReturnType<CompiledObject['validateCreate']>) {
  return result.ok ? [] : result.problems;
}

/** For each field type: a value it accepts and one it refuses with the sentence it gives. */
const CASES: [field: string, good: unknown, bad: unknown, message: string][] = [
  ['name', 'Ann', 'x'.repeat(21), 'must be at most 20 characters'],
  ['code', 'ABC', 'abc', 'must match the pattern ^[A-Z]{3}$'],
  ['notes', 'x'.repeat(20000), 'x'.repeat(20001), 'must be at most 20000 characters'],
  ['email', 'ann@example.com', 'ann@', 'must be a valid email address'],
  ['phone', '+86 (138) 0000-0000', '138abc', 'must be a phone number (5 to 32 digits, spaces, +, -, parentheses)'],
  ['website', 'https://example.com/a', 'ftp://example.com', 'must be a valid http or https URL'],
  ['rating', 4.5, 6, 'must be at most 5'],
  ['seats', 3, 2.5, 'must be an integer'],
  ['budget', 1000.5, '1000', 'must be a number'],
  ['active', false, 'yes', 'must be true or false'],
  ['born', '1990-02-28', '1990-02-30', 'must be a date (YYYY-MM-DD)'],
  [
    'seen_at',
    '2024-05-01T09:30:00Z',
    '2024-05-01 09:30',
    'must be a date and time (ISO 8601, such as 2024-05-01T09:30:00Z)',
  ],
  ['tier', 'gold', 'bronze', 'must be one of: gold, silver'],
  ['tags', ['a', 'c'], 'a', 'must be a list of: a, b, c'],
  ['assignee', USER, 'ann', 'must be a user id (UUID)'],
  ['company', USER, 42, 'must be the id (UUID) of a company record'],
];

describe('compile: record validators', () => {
  for (const [field, good, bad, message] of CASES) {
    it(`${field}: accepts ${JSON.stringify(good).slice(0, 30)} and refuses ${JSON.stringify(bad).slice(0, 30)}`, () => {
      expect(problemsOf(thing.validateCreate({ name: 'Ann', [field]: good }))).to.deep.equal([]);
      expect(problemsOf(thing.validateCreate({ name: 'Ann', [field]: bad }))).to.deep.equal([
        { path: `/${field}`, message },
      ]);
    });
  }

  it('refuses a repeated value and an unknown option in a multiselect', () => {
    expect(problemsOf(thing.validateCreate({ name: 'Ann', tags: ['a', 'a'] }))).to.deep.equal([
      { path: '/tags', message: 'must not repeat a value' },
    ]);
    expect(problemsOf(thing.validateCreate({ name: 'Ann', tags: ['a', 'z'] }))).to.deep.equal([
      { path: '/tags/1', message: 'must be one of: a, b, c' },
    ]);
  });

  it('requires required fields on create, at their path', () => {
    expect(problemsOf(thing.validateCreate({}))).to.deep.equal([{ path: '/name', message: 'is required' }]);
  });

  it('fills defaults (read-only ones too) into a copy and leaves the input alone', () => {
    const input = { name: 'Ann' };
    const result = thing.validateCreate(input);
    expect(result).to.deep.equal({ ok: true, value: { name: 'Ann', active: true, score: 0, status: 'open' } });
    expect(input).to.deep.equal({ name: 'Ann' });
  });

  it('refuses unknown fields, suggesting a close one', () => {
    expect(problemsOf(thing.validateCreate({ name: 'Ann', foo: 1, emial: 'a@b.co' }))).to.deep.equal([
      { path: '/foo', message: 'unknown field "foo"' },
      { path: '/emial', message: 'unknown field "emial" (did you mean "email"?)' },
    ]);
  });

  it('refuses read-only fields on create and on patch', () => {
    expect(problemsOf(thing.validateCreate({ name: 'Ann', score: 99 }))).to.deep.equal([
      { path: '/score', message: 'is read-only' },
    ]);
    expect(problemsOf(thing.validatePatch({ score: 99 }))).to.deep.equal([{ path: '/score', message: 'is read-only' }]);
  });

  it('always refuses __proto__, constructor and prototype keys', () => {
    const hostile = JSON.parse(
      '{"name":"Ann","__proto__":{"admin":true},"constructor":{"prototype":{}},"prototype":1}',
    );
    expect(problemsOf(thing.validateCreate(hostile))).to.deep.equal([
      { path: '/__proto__', message: 'is not allowed' },
      { path: '/constructor', message: 'is not allowed' },
      { path: '/prototype', message: 'is not allowed' },
    ]);
    expect(problemsOf(thing.validatePatch(JSON.parse('{"__proto__":{"x":1}}')))).to.deep.equal([
      { path: '/__proto__', message: 'is not allowed' },
    ]);
    expect(({} as Record<string, unknown>)['admin']).to.equal(undefined);
  });

  it('refuses a body that is not a plain object', () => {
    for (const body of [null, [], 'x', 3, new Date()]) {
      expect(problemsOf(thing.validateCreate(body))).to.deep.equal([{ path: '', message: 'must be an object' }]);
      expect(problemsOf(thing.validatePatch(body))).to.deep.equal([{ path: '', message: 'must be an object' }]);
    }
  });

  it('patch: every field is optional and nothing is defaulted', () => {
    expect(thing.validatePatch({ seats: 4 })).to.deep.equal({ ok: true, value: { seats: 4 } });
    expect(thing.validatePatch({})).to.deep.equal({ ok: true, value: {} });
  });

  it('patch: null clears a field that is not required', () => {
    expect(thing.validatePatch({ email: null, tags: null })).to.deep.equal({
      ok: true,
      value: { email: null, tags: null },
    });
  });

  it('patch: null cannot clear a required field', () => {
    expect(problemsOf(thing.validatePatch({ name: null }))).to.deep.equal([
      { path: '/name', message: 'is required and cannot be cleared' },
    ]);
  });

  it('patch: values are checked like on create', () => {
    expect(problemsOf(thing.validatePatch({ email: 'nope', rating: -1 }))).to.deep.equal([
      { path: '/email', message: 'must be a valid email address' },
      { path: '/rating', message: 'must be at least 0' },
    ]);
  });

  it('reports every bad field at once', () => {
    const problems = problemsOf(thing.validateCreate({ email: 'x', seats: 0, tier: 'x', extra: true }));
    expect(problems.map((p) => p.path).sort()).to.deep.equal(['/email', '/extra', '/name', '/seats', '/tier']);
  });

  it('refuses numbers that are not finite', () => {
    expect(problemsOf(thing.validateCreate({ name: 'Ann', budget: Number.POSITIVE_INFINITY }))).to.deep.equal([
      { path: '/budget', message: 'must be a number' },
    ]);
  });
});
