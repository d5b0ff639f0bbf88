import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { listJobs } from '../../engine/src/jobs/index.js';
import { dingtalkSignature, signedDingtalkUrl } from '../../plugins/dingtalk/src/index.js';
import { wecomMessage } from '../../plugins/wecom/src/index.js';
import { aTenant } from '../support/databases.js';
import { HOUR, MINUTE, manualClock } from '../support/manualClock.js';
import { deliveryFixture } from './support/deliveryFixture.js';
import { describeOnPostgres } from './support/postgresSuite.js';
import { type Answer, type Received, startReceiver } from './support/receiver.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const DING_SECRET = 'SECb1f0c0ffee5a1e5f0r3ca5t1ng';
const DING_TOKEN = 'a1b2c3';
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

const ok = (): Answer => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"errcode":0,"errmsg":"ok"}',
});
const robotError = (errcode: number, errmsg: string): Answer => ({
  status: 200,
  body: JSON.stringify({ errcode, errmsg }),
});

/** What DingTalk's server checks: the token, a timestamp within an hour of its clock, the signature, the body. */
function dingtalkServer(now: () => Date) {
  return (r: Received): Answer => {
    const url = new URL(r.url, 'http://robot');
    if (url.pathname !== '/robot/send' || url.searchParams.get('access_token') !== DING_TOKEN) {
      return robotError(300001, 'token is not exist');
    }
    const timestamp = Number(url.searchParams.get('timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(now().getTime() - timestamp) > HOUR) {
      return robotError(310000, 'timestamp is not within one hour');
    }
    const expected = createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64');
    if (url.searchParams.get('sign') !== expected) return robotError(310000, 'sign not match');
    const body = JSON.parse(r.body) as { msgtype?: string; text?: { content?: string }; markdown?: { title?: string } };
    if (body.msgtype === 'text' && typeof body.text?.content === 'string') return ok();
    if (body.msgtype === 'markdown' && typeof body.markdown?.title === 'string') return ok();
    return robotError(40035, 'invalid msgtype');
  };
}

/** What WeCom's server checks: the key and a text or markdown body within its size limits. */
function wecomServer(r: Received): Answer {
  const url = new URL(r.url, 'http://robot');
  if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== WECOM_KEY) {
    return robotError(93000, 'invalid webhook url');
  }
  const body = JSON.parse(r.body) as { msgtype?: string; text?: { content?: string }; markdown?: { content?: string } };
  const content = body.msgtype === 'text' ? body.text?.content : body.markdown?.content;
  if (typeof content !== 'string') return robotError(40008, 'invalid message type');
  if (Buffer.byteLength(content) > (body.msgtype === 'text' ? 2048 : 4096)) return robotError(40058, 'content exceed');
  return ok();
}

describeOnPostgres('delivery: WeCom and DingTalk group robots', (db) => {
  it('signs a DingTalk message (timestamp + HMAC-SHA256) so the robot accepts it, with @-mentions in the text', async () => {
    const clock = manualClock(T0);
    const robot = await startReceiver(dingtalkServer(() => clock.now()));
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${robot.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'sales-group', 'dingtalk', {
      url: `${robot.url}/robot/send?access_token=${DING_TOKEN}`,
      secret: DING_SECRET,
      atMobiles: ['13800138000'],
    });
    await fx.enqueue(tenant, 'sales-group', { id: 'm1', text: '新线索：Ada（SaaS，500 人）' });
    await fx.worker().drain();
    await robot.close();
    expect(await listJobs(db(), tenant)).to.have.length(0);
    const body = JSON.parse(robot.received[0]!.body);
    expect(body).to.deep.equal({
      msgtype: 'text',
      text: { content: '新线索：Ada（SaaS，500 人） @13800138000' },
      at: { atMobiles: ['13800138000'], isAtAll: false },
    });
    const url = new URL(robot.received[0]!.url, 'http://robot');
    expect(url.searchParams.get('timestamp')).to.equal(String(T0.getTime()));
  });

  it('sends DingTalk markdown with its title', async () => {
    const clock = manualClock(T0);
    const robot = await startReceiver(dingtalkServer(() => clock.now()));
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${robot.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'g', 'dingtalk', {
      url: `${robot.url}/robot/send?access_token=${DING_TOKEN}`,
      secret: DING_SECRET,
      format: 'markdown',
    });
    await fx.enqueue(tenant, 'g', { id: 'm2', subject: 'Hot lead', text: '**Ada** is hot' });
    await fx.worker().drain();
    await robot.close();
    expect(JSON.parse(robot.received[0]!.body)).to.deep.include({
      msgtype: 'markdown',
      markdown: { title: 'Hot lead', text: '**Ada** is hot' },
    });
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });

  it('keeps retrying a DingTalk message the robot refuses for a wrong secret', async () => {
    const clock = manualClock(T0);
    const robot = await startReceiver(dingtalkServer(() => clock.now()));
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${robot.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'g', 'dingtalk', {
      url: `${robot.url}/robot/send?access_token=${DING_TOKEN}`,
      secret: 'SECnotTheSecretTheRobotHas000',
    });
    await fx.enqueue(tenant, 'g', { id: 'm3' });
    await fx.worker().drain();
    await robot.close();
    const [job] = await listJobs(db(), tenant);
    expect(job).to.include({ state: 'pending', lastError: 'robot errcode 310000: sign not match' });
  });

  it("signs like DingTalk's Python sample and URL-encodes the signature", () => {
    // expected value computed with DingTalk's documented Python recipe (hmac, base64, quote_plus)
    expect(dingtalkSignature('this is secret', 1_577_808_000_000)).to.equal(
      'ijHEivi6YiCNPZOq4hZstmvZ3sPfbioAiMhP30ae7W0=',
    );
    const url = signedDingtalkUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=t',
      'this is secret',
      new Date(1_577_808_000_000),
    );
    expect(url).to.equal(
      'https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1577808000000&sign=ijHEivi6YiCNPZOq4hZstmvZ3sPfbioAiMhP30ae7W0%3D',
    );
  });

  it('posts a WeCom text message with mentions that the robot accepts', async () => {
    const clock = manualClock(T0);
    const robot = await startReceiver(wecomServer);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${robot.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'wx', 'wecom', {
      url: `${robot.url}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      mentionedMobiles: ['13800001111'],
    });
    await fx.enqueue(tenant, 'wx', { id: 'w1', text: 'SLA breached: Bob waited 4h' });
    await fx.worker().drain();
    await robot.close();
    expect(JSON.parse(robot.received[0]!.body)).to.deep.equal({
      msgtype: 'text',
      text: { content: 'SLA breached: Bob waited 4h', mentioned_mobile_list: ['13800001111'] },
    });
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });

  it('cuts WeCom markdown to the 4,096 bytes the robot takes, without splitting a character', async () => {
    const clock = manualClock(T0);
    const robot = await startReceiver(wecomServer);
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${robot.port}` });
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'wx', 'wecom', {
      url: `${robot.url}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      format: 'markdown',
    });
    await fx.enqueue(tenant, 'wx', { id: 'w2', text: '线索'.repeat(2000) });
    await fx.worker().drain();
    await robot.close();
    const content = JSON.parse(robot.received[0]!.body).markdown.content as string;
    expect(Buffer.byteLength(content)).to.be.at.most(4096);
    expect(content.endsWith('…')).to.equal(true);
    expect(await listJobs(db(), tenant)).to.have.length(0);
    expect(wecomMessage('text', 'a'.repeat(5000)))
      .to.have.nested.property('text.content')
      .with.length.below(2049);
  });

  it('waits a minute before retrying when the WeCom robot says it is rate limited', async () => {
    const clock = manualClock(T0);
    let answers = 0;
    const robot = await startReceiver((r) =>
      answers++ === 0 ? robotError(45009, 'api freq out of limit') : wecomServer(r),
    );
    const fx = deliveryFixture(db(), clock, { allow: `127.0.0.1:${robot.port}` }, () => 0);
    const tenant = aTenant();
    await fx.saveRaw(tenant, 'wx', 'wecom', { url: `${robot.url}/cgi-bin/webhook/send?key=${WECOM_KEY}` });
    await fx.enqueue(tenant, 'wx', { id: 'w3' });
    const worker = fx.worker();
    await worker.drain();
    const [job] = await listJobs(db(), tenant);
    expect(job?.runAt.getTime()).to.equal(T0.getTime() + MINUTE);
    clock.advance(MINUTE);
    await worker.drain();
    await robot.close();
    expect(robot.received).to.have.length(2);
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });
});
