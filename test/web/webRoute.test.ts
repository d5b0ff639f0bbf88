import { expect } from 'chai';
import { dashboardPath, filteredObjectPath, routeOf } from '../../runtime/web/src/navigation/route.js';

const TEAM = '3f0cefd8-0c80-430c-93ef-b3d166965e9c';

describe('web app addresses: dashboards and filtered lists', () => {
  it('reads a dashboard and its picked filters from the address', () => {
    expect(routeOf('/dashboards/funnel', `?dateRange=last_30_days&team=${TEAM}`)).to.deep.equal({
      kind: 'dashboards',
      dashboard: 'funnel',
      choice: { dateRange: 'last_30_days', team: TEAM, owner: undefined },
    });
  });

  it('writes the same filters back, leaving out the unset ones', () => {
    const choice = { dateRange: 'this_quarter', team: undefined, owner: TEAM } as const;
    const address = dashboardPath('sales-performance', choice);
    expect(address).to.equal(`/dashboards/sales-performance?dateRange=this_quarter&owner=${TEAM}`);
    const url = new URL(address, 'http://x');
    expect(routeOf(url.pathname, url.search)).to.deep.include({ dashboard: 'sales-performance', choice });
  });

  it('ignores a date range that is not a named range, so the dashboard’s default applies', () => {
    const route = routeOf('/dashboards/funnel', '?dateRange=forever');
    expect(route.kind === 'dashboards' && route.choice.dateRange).to.equal(undefined);
  });

  it('opens /dashboards without an id on the first dashboard (no id in the route)', () => {
    expect(routeOf('/dashboards', '')).to.deep.include({ kind: 'dashboards', dashboard: undefined });
  });

  it('carries a drill-down filter to the object’s list intact, even with characters an address must escape', () => {
    const filter = { $and: [{ stage: 'won' }, { name: { $contains: 'a&b=c?#%' } }], $stage: { stage: 'proposal' } };
    const url = new URL(filteredObjectPath('opportunity', filter), 'http://x');
    const route = routeOf(url.pathname, url.search);
    expect(route.kind === 'records' && route.object).to.equal('opportunity');
    expect(route.kind === 'records' && JSON.parse(route.filter!)).to.deep.equal(filter);
  });

  it('takes a filter only on an object’s list', () => {
    expect(routeOf('/', '?filter={}')).to.deep.equal({ kind: 'records', object: undefined, filter: undefined });
  });
});
