import { useEffect, useState } from 'react';
import type { PersonOption } from '../api/dashboardTypes.js';
import { leadforgeApi } from '../api/leadforgeApi.js';

export interface FilterPeople {
  readonly users: readonly PersonOption[];
  readonly teams: readonly PersonOption[];
}

const NONE: FilterPeople = { users: [], teams: [] };

/**
 * The users and teams an admin may narrow a dashboard to. Only admins may list them; everyone
 * else chooses between all, themselves and their team (the dashboard still applies their scope).
 */
export function useFilterPeople(admin: boolean): FilterPeople {
  const [people, setPeople] = useState<FilterPeople>(NONE);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    Promise.all([leadforgeApi.users(), leadforgeApi.teams()]).then(
      ([{ users }, { teams }]) => {
        if (live) setPeople({ users: users.filter((u) => u.active !== false), teams });
      },
      () => undefined, // the filters then offer "me" and "my team" only
    );
    return () => {
      live = false;
    };
  }, [admin]);
  return people;
}
