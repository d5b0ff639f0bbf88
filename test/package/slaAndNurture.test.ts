import { formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { aFullPackage, aNurture, anApp } from './packageBuilders.js';

/** The problems of the full valid package with some files replaced. */
function problemsWith(files: Record<string, unknown>): string[] {
  return validatePackage(aFullPackage(files)).map(formatProblem);
}

const shanghai = {
  timeZone: 'Asia/Shanghai',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  hours: [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '18:00' },
  ],
  holidays: ['2026-10-01'],
  extraWorkingDays: ['2026-09-27'],
};

const hotLeadSla = {
  id: 'hot-lead-follow-up',
  object: 'lead',
  when: { '==': [{ var: 'grade' }, 'hot'] },
  within: 'PT24H',
  calendar: 'office',
  remind: 'owner',
  escalate: [{ after: 'PT4H', notify: 'ownerManager' }],
};

describe('package validator: calendars, SLAs and nurture', () => {
  it('accepts a calendar, an SLA counting its hours and a nurture sequence with a branch and a recycle rule', () => {
    const nurture = aNurture({
      exitOn: ['mql', 'reply'],
      steps: [
        { type: 'email', id: 'intro', subject: { en: 'Hi {{name}}' }, body: { en: 'About {{industry}}' } },
        { type: 'wait', id: 'pause', for: 'P3D' },
        { type: 'branch', id: 'saas', when: { '==': [{ var: 'industry' }, 'saas'] }, goTo: 'case-study' },
        { type: 'email', id: 'generic', subject: { en: 'News' }, body: { en: 'News' } },
        { type: 'email', id: 'case-study', subject: { en: 'SaaS' }, body: { en: 'SaaS' } },
      ],
      recycle: { silentDays: 90, when: { '!=': [{ var: 'stage' }, 'won'] } },
    });
    const app = anApp({ calendars: { office: shanghai }, slas: [hotLeadSla] });
    expect(problemsWith({ 'app.json': app, 'nurture/onboarding.json': nurture })).to.deep.equal([]);
  });

  describe('calendars', () => {
    it('refuses an unknown time zone, hours out of order and dates that do not exist', () => {
      const calendar = {
        ...shanghai,
        timeZone: 'Asia/Shangai',
        hours: [
          { from: '13:30', to: '18:00' },
          { from: '09:00', to: '12:00' },
          { from: '19:00', to: '18:30' },
          { from: '25:00', to: '26:00' },
        ],
        holidays: ['2026-02-30'],
        extraWorkingDays: ['2026-10-01', '2026-09-27'],
      };
      const calendarWithHoliday = { ...calendar, holidays: ['2026-02-30', '2026-10-01'] };
      expect(problemsWith({ 'app.json': anApp({ calendars: { office: calendarWithHoliday } }) })).to.deep.equal([
        'app.json: /calendars/office/extraWorkingDays/0: 2026-10-01 is also a holiday',
        'app.json: /calendars/office/holidays/0: "2026-02-30" is not a date',
        'app.json: /calendars/office/hours/1/from: starts at 09:00, before the previous range ends',
        'app.json: /calendars/office/hours/2/to: ends at 18:30, not after it starts (19:00)',
        'app.json: /calendars/office/hours/3/from: "25:00" is not a time of day (00:00 to 23:59)',
        'app.json: /calendars/office/timeZone: unknown time zone "Asia/Shangai" (use an IANA zone such as "Asia/Shanghai")',
      ]);
    });

    it('refuses an unknown weekday and a time that is not HH:MM by schema', () => {
      const calendar = { ...shanghai, workingDays: ['mon', 'funday'], hours: [{ from: '9:00', to: '18:00' }] };
      const problems = problemsWith({ 'app.json': anApp({ calendars: { office: calendar } }) });
      expect(problems.some((p) => p.startsWith('app.json: /calendars/office/workingDays/1:'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('app.json: /calendars/office/hours/0/from:'))).to.equal(true);
    });
  });

  describe('SLAs', () => {
    it('refuses an unknown object, calendar and field, and a second SLA with one id', () => {
      const slas = [
        { ...hotLeadSla, calendar: 'ofice', when: { '==': [{ var: 'grad' }, 'hot'] } },
        { ...hotLeadSla, object: 'leed' },
      ];
      expect(problemsWith({ 'app.json': anApp({ calendars: { office: shanghai }, slas }) })).to.deep.equal([
        'app.json: /slas/0/calendar: unknown calendar "ofice" (did you mean "office"?)',
        'app.json: /slas/0/when/==/0/var: unknown field "grad" on object "lead" (did you mean "grade"?)',
        'app.json: /slas/1/id: SLA "hot-lead-follow-up" is defined twice (first at /slas/0/id)',
        'app.json: /slas/1/object: unknown object "leed" (did you mean "lead"?)',
      ]);
    });

    it('refuses a bad duration, an unknown notify target and unknown properties', () => {
      const slas = [{ ...hotLeadSla, within: '24h', escalate: [{ after: 'PT4H', notify: 'boss' }], extra: 1 }];
      const problems = problemsWith({ 'app.json': anApp({ calendars: { office: shanghai }, slas }) });
      expect(problems.some((p) => p.startsWith('app.json: /slas/0/within:'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('app.json: /slas/0/escalate/0/notify:'))).to.equal(true);
      expect(problems).to.include('app.json: /slas/0/extra: unknown property "extra"');
    });
  });

  describe('nurture', () => {
    it('refuses branches to unknown steps and placeholders naming unknown fields', () => {
      const nurture = aNurture({
        steps: [
          { type: 'email', id: 'intro', subject: { en: 'Hi {{nmae}}' }, body: { en: 'Hi', 'zh-CN': '{{ industri }}' } },
          { type: 'branch', id: 'saas', when: { '==': [{ var: 'industy' }, 'saas'] }, goTo: 'intor', else: 'saas' },
        ],
        recycle: { silentDays: 90, when: { '==': [{ var: 'stag' }, 'new'] } },
      });
      expect(problemsWith({ 'nurture/onboarding.json': nurture })).to.deep.equal([
        'nurture/onboarding.json: /recycle/when/==/0/var: unknown field "stag" on object "lead" (did you mean "stage"?)',
        'nurture/onboarding.json: /steps/0/body/zh-CN: {{industri}} names no field of object "lead" (did you mean "industry"?)',
        'nurture/onboarding.json: /steps/0/subject/en: {{nmae}} names no field of object "lead" (did you mean "name"?)',
        'nurture/onboarding.json: /steps/1/else: a branch cannot jump to itself',
        'nurture/onboarding.json: /steps/1/goTo: unknown step "intor" (did you mean "intro"?)',
        'nurture/onboarding.json: /steps/1/when/==/0/var: unknown field "industy" on object "lead" (did you mean "industry"?)',
      ]);
    });

    it('refuses a branch that jumps back without a wait in the loop', () => {
      const steps = [
        { type: 'email', id: 'intro', subject: { en: 'Hi' }, body: { en: 'Hi' } },
        { type: 'branch', id: 'again', when: { '==': [{ var: 'industry' }, 'saas'] }, goTo: 'intro' },
      ];
      expect(problemsWith({ 'nurture/onboarding.json': aNurture({ steps }) })).to.deep.equal([
        'nurture/onboarding.json: /steps/1/goTo: jumping back to "intro" needs a wait step in the loop (it would never pause)',
      ]);
      const withWait = [steps[0], { type: 'wait', id: 'pause', for: 'P7D' }, steps[1]];
      expect(problemsWith({ 'nurture/onboarding.json': aNurture({ steps: withWait }) })).to.deep.equal([]);
    });

    it('refuses a recycle rule without silent days and an unknown exit', () => {
      const nurture = aNurture({ exitOn: ['bounce'], recycle: { silentDays: 0 } });
      const problems = problemsWith({ 'nurture/onboarding.json': nurture });
      expect(problems.some((p) => p.startsWith('nurture/onboarding.json: /exitOn/0:'))).to.equal(true);
      expect(problems.some((p) => p.startsWith('nurture/onboarding.json: /recycle/silentDays:'))).to.equal(true);
    });
  });
});
