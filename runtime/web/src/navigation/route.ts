import { DATE_RANGES, type DateRangeName } from '../api/dashboardTypes.js';
import { objectPath } from './objectPath.js';

/** A dashboard's global filters as the viewer picked them; unset ones are the dashboard's defaults. */
export interface DashboardChoice {
  readonly dateRange: DateRangeName | undefined;
  readonly team: string | undefined;
  readonly owner: string | undefined;
}

/** What the address bar shows: one object's records (maybe narrowed by a filter), or a dashboard. */
export type Route =
  | { readonly kind: 'records'; readonly object: string | undefined; readonly filter: string | undefined }
  | { readonly kind: 'dashboards'; readonly dashboard: string | undefined; readonly choice: DashboardChoice };

const DASHBOARDS = '/dashboards';

/** `/dashboards`, or `/dashboards/funnel?dateRange=last_30_days` for one dashboard and its filters. */
export function dashboardPath(id?: string, choice?: DashboardChoice): string {
  if (id === undefined) return DASHBOARDS;
  const query = new URLSearchParams();
  if (choice?.dateRange) query.set('dateRange', choice.dateRange);
  if (choice?.team) query.set('team', choice.team);
  if (choice?.owner) query.set('owner', choice.owner);
  const text = query.toString();
  return `${DASHBOARDS}/${encodeURIComponent(id)}${text ? `?${text}` : ''}`;
}

/** An object's records list, narrowed to the records a filter (JSON filter language) matches. */
export function filteredObjectPath(object: string, filter: Readonly<Record<string, unknown>>): string {
  return `${objectPath(object)}?${new URLSearchParams({ filter: JSON.stringify(filter) })}`;
}

function choiceOf(query: URLSearchParams): DashboardChoice {
  const range = query.get('dateRange');
  return {
    dateRange: (DATE_RANGES as readonly string[]).includes(range ?? '') ? (range as DateRangeName) : undefined,
    team: query.get('team') || undefined,
    owner: query.get('owner') || undefined,
  };
}

/** Reads an address: `/dashboards[/:id][?filters]`, else `/o/:object[?filter=…]` (any other path: the default object). */
export function routeOf(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const dashboard = /^\/dashboards(?:\/([^/]+))?\/?$/.exec(pathname);
  if (dashboard)
    return {
      kind: 'dashboards',
      dashboard: dashboard[1] ? decodeURIComponent(dashboard[1]) : undefined,
      choice: choiceOf(query),
    };
  const object = /^\/o\/([^/]+)\/?$/.exec(pathname);
  const filter = query.get('filter') ?? undefined;
  return {
    kind: 'records',
    object: object ? decodeURIComponent(object[1]!) : undefined,
    filter: object && filter ? filter : undefined,
  };
}
