import {
  compileNurture,
  createOperatorRegistry,
  type NurtureDefinition,
  planNurtureStep,
  renderNurtureEmail,
} from '@leadforge/engine';
import { expect } from 'chai';

const now = new Date('2026-11-23T01:00:00Z');
const facts = { now, isMql: false, replied: false };

const definition: NurtureDefinition = {
  id: 'warm-up',
  object: 'lead',
  exitOn: ['mql', 'reply'],
  exitWhen: { '==': [{ var: 'stage' }, 'won'] },
  steps: [
    { type: 'email', id: 'intro', subject: { en: 'Hi {{name}}' }, body: { en: '<p>Hello {{name}}</p>' } },
    { type: 'wait', id: 'pause', for: 'P3D' },
    { type: 'branch', id: 'saas', when: { '==': [{ var: 'industry' }, 'saas'] }, goTo: 'case-study' },
    { type: 'email', id: 'generic', subject: { en: 'News' }, body: { en: 'News' } },
    { type: 'email', id: 'case-study', subject: { en: 'SaaS' }, body: { en: 'SaaS' } },
  ],
};
const nurture = compileNurture(definition, createOperatorRegistry());

describe('nurture planning', () => {
  it('runs an email step now and moves to the next step', () => {
    const plan = planNurtureStep(nurture, 0, { name: 'Li' }, facts);
    expect(plan).to.deep.include({ kind: 'step', next: 1, nextAt: now });
  });

  it('waits the step duration before the next step', () => {
    const plan = planNurtureStep(nurture, 1, {}, facts);
    expect(plan).to.deep.include({ kind: 'step', next: 2, nextAt: new Date('2026-11-26T01:00:00Z') });
  });

  it('jumps to goTo when the branch condition holds, else goes on', () => {
    expect(planNurtureStep(nurture, 2, { industry: 'saas' }, facts)).to.deep.include({ taken: true, next: 4 });
    expect(planNurtureStep(nurture, 2, { industry: 'retail' }, facts)).to.deep.include({ taken: false, next: 3 });
  });

  it('exits on MQL, on reply and on exitWhen before any step', () => {
    expect(planNurtureStep(nurture, 0, {}, { ...facts, isMql: true })).to.deep.equal({ kind: 'exit', reason: 'mql' });
    expect(planNurtureStep(nurture, 0, {}, { ...facts, replied: true })).to.deep.equal({
      kind: 'exit',
      reason: 'reply',
    });
    expect(planNurtureStep(nurture, 0, { stage: 'won' }, facts)).to.deep.equal({ kind: 'exit', reason: 'exitWhen' });
  });

  it('completes after the last step', () => {
    expect(planNurtureStep(nurture, 5, {}, facts)).to.deep.equal({ kind: 'complete' });
  });

  it('ignores MQL and replies when the sequence does not exit on them', () => {
    const plain = compileNurture({ ...definition, exitOn: [] }, createOperatorRegistry());
    expect(planNurtureStep(plain, 0, {}, { ...facts, isMql: true, replied: true })).to.deep.include({ kind: 'step' });
  });

  it('renders {{field}} values HTML-escaped in HTML and as they are in text', () => {
    const step = { subject: { en: 'Hi {{name}}' }, body: { en: '<p>Hello {{name}}</p>' } };
    const email = renderNurtureEmail(step, { name: '<b>Li & "Co"</b>' }, 'en');
    expect(email.subject).to.equal('Hi <b>Li & "Co"</b>');
    expect(email.text).to.equal('<p>Hello <b>Li & "Co"</b></p>');
    expect(email.html).to.equal('<p>Hello &lt;b&gt;Li &amp; &quot;Co&quot;&lt;/b&gt;</p>');
  });
});
