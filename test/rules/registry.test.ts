import { expect } from 'chai';
import { LeadforgeError } from '../../engine/src/errors/types.js';
import { builtinOperatorsPlugin, definePlugin, installPlugins } from '../../engine/src/plugins/index.js';
import { compileRule, createOperatorRegistry, type RuleOperator } from '../../engine/src/rules/index.js';

const context = { now: new Date('2026-03-02T09:00:00Z') };
const double: RuleOperator = { minArgs: 1, maxArgs: 1, evaluate: ([x]) => Number(x) * 2 };

function thrown(fn: () => unknown): LeadforgeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LeadforgeError) return error;
    throw error;
  }
  throw new Error('expected a LeadforgeError');
}

const STANDARD =
  'var missing missing_some if ?: == === != !== ! !! or and > >= < <= max min + - * / % map reduce filter all none some merge in cat substr';

describe('rules: operator registry', () => {
  it('holds every JSON Logic operation except method and log', () => {
    const names = createOperatorRegistry({ builtins: false }).names();
    expect([...names].sort()).to.deep.equal(STANDARD.split(' ').sort());
  });

  it('adds the built-in operators through the built-in plugin by default', () => {
    const registry = createOperatorRegistry();
    for (const name of ['freemail', 'domain', 'daysSince', 'contains', 'startsWith', 'between']) {
      expect(registry.has(name), name).to.equal(true);
    }
    expect(createOperatorRegistry({ builtins: false }).has('freemail')).to.equal(false);
  });

  it('refuses a name already taken by JSON Logic or a plugin', () => {
    const registry = createOperatorRegistry();
    expect(thrown(() => registry.register('freemail', double)).code).to.equal('CONFLICT');
    expect(thrown(() => registry.register('var', double)).code).to.equal('CONFLICT');
  });

  it('refuses names that are not plain identifiers or that shadow Object.prototype', () => {
    const registry = createOperatorRegistry();
    for (const name of [
      '',
      'a.b',
      'Math.max',
      'toString',
      'constructor',
      'hasOwnProperty',
      '__proto__',
      '1st',
      'has space',
      '<>',
    ]) {
      expect(thrown(() => registry.register(name, double)).code, name).to.equal('INVALID');
    }
  });

  it('refuses an operator without evaluate or with an impossible arity', () => {
    const registry = createOperatorRegistry();
    expect(thrown(() => registry.register('noEval', {} as RuleOperator)).code).to.equal('INVALID');
    expect(thrown(() => registry.register('badArity', { minArgs: 2, maxArgs: 1, evaluate: () => 1 })).code).to.equal(
      'INVALID',
    );
    expect(thrown(() => registry.register('fraction', { minArgs: 0.5, evaluate: () => 1 })).code).to.equal('INVALID');
  });

  it('lets a rule use a registered operator, checking its arity at publish time', () => {
    const registry = createOperatorRegistry();
    registry.register('double', double);
    const rule = compileRule({ double: [{ var: 'n' }] }, registry);
    expect(rule.ok && rule.evaluate({ n: 4 }, context)).to.deep.equal({ ok: true, value: 8 });
    const wrong = compileRule({ double: [1, 2] }, registry);
    expect(wrong.ok ? [] : wrong.problems).to.deep.equal([
      { pointer: '/double', message: '"double" takes 1 argument(s), not 2' },
    ]);
  });

  it('keeps registries apart: an operator registered in one is unknown in another', () => {
    const one = createOperatorRegistry();
    one.register('double', double);
    expect(compileRule({ double: [1] }, createOperatorRegistry()).ok).to.equal(false);
  });

  it('turns an operator that answers a function into an error for that record', () => {
    const registry = createOperatorRegistry();
    registry.register('leak', { evaluate: () => () => 1 });
    const rule = compileRule({ leak: [] }, registry);
    const outcome = rule.ok ? rule.evaluate({}, context) : undefined;
    expect(outcome?.ok).to.equal(false);
  });

  it('turns an operator that throws into an error for that record, not an exception', () => {
    const registry = createOperatorRegistry();
    registry.register('boom', {
      evaluate: () => {
        throw new Error('boom');
      },
    });
    const rule = compileRule({ boom: [] }, registry);
    expect(rule.ok && rule.evaluate({}, context)).to.deep.equal({
      ok: false,
      error: { code: 'RULE_ERROR', message: 'boom' },
    });
  });
});

describe('plugins: definePlugin and installPlugins', () => {
  const plugin = (name: string, setup: (api: Parameters<Parameters<typeof definePlugin>[0]['setup']>[0]) => void) =>
    definePlugin({ name, version: '1.0.0', setup });

  it('validates the manifest and lists every problem', () => {
    const error = thrown(() => definePlugin({ name: 'Bad Name', version: 'one', setup: 1 as never }));
    expect(error.code).to.equal('INVALID');
    expect(error.details.map((d) => d.path)).to.deep.equal(['/name', '/version', '/setup']);
  });

  it('accepts scoped npm names and prerelease versions', () => {
    expect(
      definePlugin({ name: '@acme/leadforge-geo', version: '2.0.0-beta.1', setup: () => undefined }).name,
    ).to.equal('@acme/leadforge-geo');
  });

  it('registers a plugin operator that rules can use', () => {
    const registry = createOperatorRegistry();
    installPlugins({ operators: registry }, [plugin('doubler', (api) => api.registerOperator('double', double))]);
    const rule = compileRule({ double: [21] }, registry);
    expect(rule.ok && rule.evaluate(null, context)).to.deep.equal({ ok: true, value: 42 });
  });

  it('installs nothing from a plugin that reuses a taken name', () => {
    const registry = createOperatorRegistry();
    const clash = plugin('clash', (api) => {
      api.registerOperator('double', double);
      api.registerOperator('domain', double);
    });
    expect(thrown(() => installPlugins({ operators: registry }, [clash])).code).to.equal('CONFLICT');
    expect(registry.has('double')).to.equal(false);
  });

  it('installs nothing from a plugin whose setup throws', () => {
    const registry = createOperatorRegistry();
    const broken = plugin('broken', (api) => {
      api.registerOperator('double', double);
      throw new Error('setup failed');
    });
    expect(() => installPlugins({ operators: registry }, [broken])).to.throw('setup failed');
    expect(registry.has('double')).to.equal(false);
  });

  it('installs nothing from a plugin that registers a malformed operator', () => {
    const registry = createOperatorRegistry();
    const malformed = plugin('malformed', (api) => {
      api.registerOperator('double', double);
      api.registerOperator('a.b', double);
    });
    expect(thrown(() => installPlugins({ operators: registry }, [malformed])).message).to.contain('plugin "malformed"');
    expect(registry.has('double')).to.equal(false);
  });

  it('refuses an asynchronous setup', () => {
    const registry = createOperatorRegistry();
    const later = definePlugin({ name: 'later', version: '1.0.0', setup: (async () => undefined) as never });
    expect(thrown(() => installPlugins({ operators: registry }, [later])).code).to.equal('INVALID');
  });

  it('closes the api once setup returns', () => {
    const registry = createOperatorRegistry();
    let kept: { registerOperator(name: string, operator: RuleOperator): void } | undefined;
    installPlugins({ operators: registry }, [plugin('keeper', (api) => (kept = api))]);
    expect(thrown(() => kept!.registerOperator('double', double)).code).to.equal('INVALID');
    expect(registry.has('double')).to.equal(false);
  });

  it('refuses the same plugin listed twice', () => {
    const registry = createOperatorRegistry({ builtins: false });
    expect(
      thrown(() => installPlugins({ operators: registry }, [builtinOperatorsPlugin, builtinOperatorsPlugin])).code,
    ).to.equal('CONFLICT');
  });

  it('installs the built-in operators into a bare registry like any other plugin', () => {
    const registry = createOperatorRegistry({ builtins: false });
    installPlugins({ operators: registry }, [builtinOperatorsPlugin]);
    const rule = compileRule({ freemail: ['a@qq.com'] }, registry);
    expect(rule.ok && rule.evaluate(null, context)).to.deep.equal({ ok: true, value: true });
  });
});
