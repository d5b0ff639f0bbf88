import { LeadforgeError } from '@leadforge/engine';
import { expect } from 'chai';
import {
  actionConfigProblems,
  createActionRegistry,
  createChannelRegistry,
  fillTemplate,
} from '../../engine/src/delivery/index.js';
import { definePlugin, installPlugins } from '../../engine/src/plugins/index.js';
import { createOperatorRegistry } from '../../engine/src/rules/createOperatorRegistry.js';
import { webhookChannel, webhookPlugin, webhookSendAction } from '../../plugins/webhook/src/index.js';
import { installedChannels } from './support/deliveryFixture.js';

const input = {
  event: 'lead.mql',
  occurredAt: '2026-03-02T09:00:00.000Z',
  messageId: 'step-1:event-9',
  record: { name: 'Ada', email: 'ada@example.com', score: 72 },
  locale: 'zh-CN',
};

describe('delivery: channels and actions through the plugin API', () => {
  it('installs the four delivery plugins as channels and actions', () => {
    const { channels, actions } = installedChannels();
    expect(channels.names()).to.deep.equal(['webhook', 'email', 'wecom', 'dingtalk']);
    expect(actions.names()).to.deep.equal(['webhook.send', 'email.send', 'wecom.notify', 'dingtalk.notify']);
  });

  it('refuses a second channel with a taken name and changes nothing', () => {
    const channels = createChannelRegistry();
    const host = { operators: createOperatorRegistry({ builtins: false }), channels, actions: createActionRegistry() };
    installPlugins(host, [webhookPlugin]);
    const copycat = definePlugin({
      name: 'copycat',
      version: '1.0.0',
      setup(api) {
        api.registerAction!({ ...webhookSendAction, name: 'copycat.send' });
        api.registerChannel!(webhookChannel);
      },
    });
    expect(() => installPlugins(host, [copycat])).to.throw(LeadforgeError, /channel "webhook" is already registered/);
    expect(host.actions.has('copycat.send')).to.equal(false);
  });

  it('refuses channel plugins on a host that takes no channels', () => {
    expect(() => installPlugins({ operators: createOperatorRegistry({ builtins: false }) }, [webhookPlugin])).to.throw(
      /does not accept channels/,
    );
  });

  it('plans deliveries from an automation step, filling {{field}} from the record in the step’s locale', () => {
    const { actions } = installedChannels();
    const ding = actions
      .get('dingtalk.notify')!
      .plan(
        { endpoint: 'sales', text: { en: 'New MQL {{name}}', 'zh-CN': '新 MQL：{{name}}（{{score}} 分）' } },
        input,
      );
    expect(ding).to.deep.equal([
      {
        endpointId: 'sales',
        message: {
          id: 'step-1:event-9',
          event: 'lead.mql',
          occurredAt: input.occurredAt,
          data: input.record,
          text: '新 MQL：Ada（72 分）',
        },
      },
    ]);
    const mail = actions.get('email.send')!.plan(
      {
        endpoint: 'smtp',
        to: ['{{email}}', '{{missing}}'],
        subject: { en: 'Hi {{name}}' },
        body: { en: 'Score {{score}}' },
      },
      input,
    );
    expect(mail[0]!.message).to.deep.include({ to: ['ada@example.com'], subject: 'Hi Ada', text: 'Score 72' });
  });

  it('fills templates with values as text, never evaluating them', () => {
    expect(fillTemplate('{{a}}|{{ b }}|{{__proto__}}|{{constructor}}', { a: '{{b}}', b: { x: 1 } })).to.equal(
      '{{b}}|{"x":1}||',
    );
  });
});

describe('delivery: checking an automation step against a plugin action at publish', () => {
  it('points at each mistake in the step’s configuration', () => {
    const { actions } = installedChannels();
    expect(
      actionConfigProblems(actions.get('dingtalk.notify')!, { text: {}, colour: 1 }, '/actions/0/config'),
    ).to.deep.equal([
      { path: '/actions/0/config/endpoint', message: 'is required' },
      { path: '/actions/0/config/colour', message: 'is not a known setting' },
      { path: '/actions/0/config/text', message: 'must NOT have fewer than 1 properties' },
    ]);
    expect(actionConfigProblems(actions.get('webhook.send')!, { endpoint: 'erp' })).to.deep.equal([]);
  });
});
