import { ensureTenant } from '@leadforge/engine';
import { createUser } from '../../runtime/src/access/users.js';
import { installFolder, templateFolder } from '../../runtime/src/boot.js';
import { type Client, client } from './http.js';
import type { TestRuntime } from './testRuntime.js';

export const PASSWORD = 'a long enough password';

/** The people of the access tests: two reps and their manager in North, a manager in South, another tenant's admin. */
export interface Personas {
  readonly repA: Client;
  readonly repB: Client;
  readonly managerNorth: Client;
  readonly managerSouth: Client;
  readonly otherTenantAdmin: Client;
  readonly anonymous: Client;
  readonly ids: {
    repA: string;
    repB: string;
    managerNorth: string;
    managerSouth: string;
    north: string;
    south: string;
  };
}

export async function setUpPersonas(rt: TestRuntime): Promise<Personas> {
  const north = await rt.admin.post('/api/v1/teams', { name: 'North' });
  const south = await rt.admin.post('/api/v1/teams', { name: 'South' });
  const user = async (email: string, role: string, teamId: string) => {
    const res = await rt.admin.post('/api/v1/users', {
      email,
      name: email.split('@')[0],
      password: PASSWORD,
      role,
      teamId,
    });
    if (res.status !== 201) throw new Error(`creating ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const ids = {
    north: north.body.id as string,
    south: south.body.id as string,
    managerNorth: await user('manager.north@example.com', 'manager', north.body.id),
    managerSouth: await user('manager.south@example.com', 'manager', south.body.id),
    repA: await user('rep.a@example.com', 'rep', north.body.id),
    repB: await user('rep.b@example.com', 'rep', north.body.id),
  };
  await ensureTenant(rt.ctx.db, 'acme', 'Acme');
  await installFolder(rt.ctx, 'acme', templateFolder('b2b-saas'), 'second tenant');
  await createUser(rt.ctx.db, 'acme', {
    email: 'admin@acme.example',
    name: 'Acme admin',
    password: PASSWORD,
    role: 'admin',
  });
  return {
    repA: await rt.signIn('rep.a@example.com', PASSWORD),
    repB: await rt.signIn('rep.b@example.com', PASSWORD),
    managerNorth: await rt.signIn('manager.north@example.com', PASSWORD),
    managerSouth: await rt.signIn('manager.south@example.com', PASSWORD),
    otherTenantAdmin: await rt.signIn('admin@acme.example', PASSWORD, 'acme'),
    anonymous: client(rt.url),
    ids,
  };
}

let seq = 0;

/** A valid lead body; `overrides` replace fields. */
export function aLead(overrides: Record<string, unknown> = {}): { data: Record<string, unknown> } {
  seq += 1;
  return {
    data: {
      name: `Lead ${seq}`,
      email: `lead${seq}.${Date.now()}@example.com`,
      industry: 'saas',
      employees: 120,
      region: 'east',
      ...overrides,
    },
  };
}
