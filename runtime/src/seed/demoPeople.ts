import { prng } from './prng.js';
import type { DemoTeam, DemoUser } from './types.js';

/** The password every demo user logs in with (docs/demo-data.md). */
export const DEMO_PASSWORD = 'leadforge-demo';

interface TeamPlan {
  readonly name: string;
  readonly regions: readonly string[];
  readonly manager: readonly [string, string];
  /** [name, email local part, skill (1 = average), share of the team's leads] */
  readonly reps: readonly (readonly [string, string, number, number])[];
}

const TEAMS: readonly TeamPlan[] = [
  {
    name: '华北销售部',
    regions: ['north', 'central'],
    manager: ['王强', 'wang.qiang'],
    reps: [
      ['李娜', 'li.na', 1.15, 1.2],
      ['张伟', 'zhang.wei', 0.95, 1],
      ['刘洋', 'liu.yang', 0.85, 0.8],
    ],
  },
  {
    name: '华东销售部',
    regions: ['east'],
    manager: ['陈静', 'chen.jing'],
    reps: [
      ['杨帆', 'yang.fan', 1.05, 1],
      ['赵磊', 'zhao.lei', 1.2, 1.1],
      ['黄丽', 'huang.li', 0.9, 0.9],
    ],
  },
  {
    name: '华南销售部',
    regions: ['south', 'west'],
    manager: ['吴刚', 'wu.gang'],
    reps: [
      ['徐婷', 'xu.ting', 1, 1.1],
      ['孙浩', 'sun.hao', 0.8, 0.9],
    ],
  },
];

export const DEMO_EMAIL_DOMAIN = 'demo.leadforge.example';

/** A rep as the lead generator sees it. */
export interface DemoRep {
  readonly user: DemoUser;
  readonly skill: number;
  readonly share: number;
}

export interface DemoPeople {
  readonly teams: readonly DemoTeam[];
  readonly users: readonly DemoUser[];
  readonly admin: DemoUser;
  /** The team that works a region's leads, and its reps. */
  readonly repsByRegion: ReadonlyMap<string, readonly DemoRep[]>;
  readonly reps: readonly DemoRep[];
}

/** Three teams (each with a manager) and eight reps, an admin and an ops user; ids come from the seed. */
export function demoPeople(seed: number): DemoPeople {
  const rng = prng(seed, 0x7e0);
  const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
  const admin: DemoUser = {
    id: rng.uuid(),
    email: email('admin'),
    name: '系统管理员',
    role: 'admin',
    teamId: null,
    managerId: null,
  };
  const ops: DemoUser = {
    id: rng.uuid(),
    email: email('zhou.min'),
    name: '周敏',
    role: 'ops',
    teamId: null,
    managerId: null,
  };
  const teams: DemoTeam[] = [];
  const users: DemoUser[] = [admin, ops];
  const reps: DemoRep[] = [];
  const repsByRegion = new Map<string, DemoRep[]>();
  for (const plan of TEAMS) {
    const teamId = rng.uuid();
    const manager: DemoUser = {
      id: rng.uuid(),
      email: email(plan.manager[1]),
      name: plan.manager[0],
      role: 'manager',
      teamId,
      managerId: null,
    };
    teams.push({ id: teamId, name: plan.name, managerId: manager.id });
    users.push(manager);
    const teamReps: DemoRep[] = [];
    for (const [name, local, skill, share] of plan.reps) {
      const user: DemoUser = { id: rng.uuid(), email: email(local), name, role: 'rep', teamId, managerId: manager.id };
      users.push(user);
      teamReps.push({ user, skill, share });
    }
    reps.push(...teamReps);
    for (const region of plan.regions) repsByRegion.set(region, teamReps);
  }
  return { teams, users, admin, repsByRegion, reps };
}
