import { formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { packageEndpointRefs } from '../../engine/src/delivery/index.js';
import { aFullPackage, anAutomation } from './packageBuilders.js';

const hook = (endpoint: string) => anAutomation({ id: 'to-erp', actions: [{ type: 'webhook', endpoint }] });

function problemsFor(endpoint: string): string[] {
  return validatePackage(aFullPackage({ 'automations/to-erp.json': hook(endpoint) })).map(formatProblem);
}

describe('package validator: delivery endpoints are named by id, never by URL', () => {
  it('accepts a step naming an endpoint by id', () => {
    expect(problemsFor('erp-webhook')).to.deep.equal([]);
  });

  it('refuses a URL where an endpoint id belongs, at the file and pointer, saying how to configure one', () => {
    const [problem, ...rest] = problemsFor('https://erp.example.com/hooks');
    expect(rest).to.deep.equal([]);
    expect(problem).to.match(
      /^automations\/to-erp\.json: \/actions\/0\/endpoint: names a delivery endpoint by id, not a URL/,
    );
    expect(problem).to.include('POST /api/v1/delivery/endpoints');
  });

  for (const [url, why] of [
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://100.100.100.200/', '100.100.100.200'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f.0.0.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4 127.0.0.1 inside IPv6'],
    ['http://localhost:8080/', 'localhost'],
    ['https://user:secret@erp.example.com/', 'user name or password'],
    ['gopher://erp.example.com/', 'only http and https'],
  ] as const) {
    it(`refuses ${url} and says the SSRF rules would refuse it too`, () => {
      const problems = problemsFor(url);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^automations\/to-erp\.json: \/actions\/0\/endpoint: /);
      expect(problems[0]).to.include('would be refused');
      expect(problems[0]).to.include(why);
    });
  }

  it('refuses an id the endpoint API could never create', () => {
    expect(problemsFor('ERP Hook')).to.deep.equal([
      'automations/to-erp.json: /actions/0/endpoint: must be an endpoint id: lower-case letters, digits, - and _ (at most 64)',
    ]);
  });

  it('finds every endpoint a package names, with the channel its step needs', () => {
    const files = aFullPackage({
      'automations/to-erp.json': anAutomation({
        id: 'to-erp',
        actions: [
          { type: 'webhook', endpoint: 'erp' },
          { type: 'notify', channel: 'dingtalk', endpoint: 'sales-group', message: { en: 'New lead' } },
          { type: 'notify', message: { en: 'in-app' } },
        ],
      }),
    }).files;
    expect(packageEndpointRefs(files)).to.deep.include.members([
      { file: 'automations/to-erp.json', pointer: '/actions/0/endpoint', endpoint: 'erp', channel: 'webhook' },
      {
        file: 'automations/to-erp.json',
        pointer: '/actions/1/endpoint',
        endpoint: 'sales-group',
        channel: 'dingtalk',
      },
      { file: 'automations/welcome.json', pointer: '/actions/1/endpoint', endpoint: 'smtp', channel: 'email' },
    ]);
  });
});
