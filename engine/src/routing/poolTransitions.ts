import { LeadforgeError } from '../errors/types.js';

/** Where a lead stands in a lead pool (seed product: 未分配 → 待跟进 → 跟进中 → 已转化 / 无效). */
export type PoolStatus = 'unassigned' | 'pending' | 'in_progress' | 'converted' | 'invalid';

export const POOL_STATUSES: readonly PoolStatus[] = ['unassigned', 'pending', 'in_progress', 'converted', 'invalid'];

/** What can happen to a pool lead; each moves it from some statuses to one. */
export type PoolAction = 'claim' | 'accept' | 'return' | 'reclaim' | 'timeout' | 'convert' | 'invalidate' | 'enter';

const TRANSITIONS: Readonly<Record<PoolAction, { readonly from: readonly PoolStatus[]; readonly to: PoolStatus }>> = {
  enter: { from: ['unassigned', 'pending', 'in_progress', 'converted', 'invalid'], to: 'unassigned' },
  claim: { from: ['unassigned'], to: 'pending' },
  accept: { from: ['pending'], to: 'in_progress' },
  return: { from: ['pending', 'in_progress'], to: 'unassigned' },
  reclaim: { from: ['pending', 'in_progress'], to: 'unassigned' },
  timeout: { from: ['pending', 'in_progress'], to: 'unassigned' },
  convert: { from: ['in_progress'], to: 'converted' },
  invalidate: { from: ['unassigned', 'pending', 'in_progress'], to: 'invalid' },
};

/** The status after `action`, or CONFLICT naming the statuses it is allowed from. */
export function poolTransitionOrThrow(status: PoolStatus, action: PoolAction): PoolStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new LeadforgeError('CONFLICT', `cannot ${action} a lead that is ${status.replace('_', ' ')}`, [
      {
        path: '/status',
        message: `${action} needs the lead to be ${rule.from.map((s) => s.replace('_', ' ')).join(' or ')}`,
      },
    ]);
  }
  return rule.to;
}

/** Statuses in which a member holds the lead (they count against the claim limit). */
export const HELD_STATUSES: readonly PoolStatus[] = ['pending', 'in_progress'];
