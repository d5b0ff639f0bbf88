/** Who is calling. Every service function takes one; anonymous callers never reach record services. */
export interface Actor {
  readonly tenantId: string;
  readonly userId: string;
  readonly role: string;
  readonly teamId: string | null;
  readonly via: 'session' | 'token';
}

export interface UserRow {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly teamId: string | null;
  readonly managerId: string | null;
  readonly active: boolean;
  readonly away: boolean;
  readonly createdAt: string;
}

export interface TeamRow {
  readonly id: string;
  readonly name: string;
  readonly managerId: string | null;
}
