import { DATE_RANGES, type DashboardFilters, type DateRangeName } from '../api/dashboardTypes.js';
import type { FilterPeople } from '../hooks/useFilterPeople.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { DashboardChoice } from '../navigation/route.js';
import { useSession } from '../session/SessionContext.js';

export interface DashboardFilterBarProps {
  readonly filters: DashboardFilters | null;
  readonly choice: DashboardChoice;
  readonly people: FilterPeople;
  readonly onChange: (choice: DashboardChoice) => void;
}

/** The dashboard's global filters — date range, team, owner — as far as the dashboard declares them. */
export function DashboardFilterBar({ filters, choice, people, onChange }: DashboardFilterBarProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const teams = people.teams.length > 0 ? people.teams : user.teamId ? [{ id: user.teamId, name: t.myTeam }] : [];
  const owners = people.users.length > 0 ? people.users : [{ id: user.id, name: user.name }];
  const dateDefault = filters?.dateRange?.default;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of filters, not a form to submit
    <div className="filter-bar" role="group" aria-label={t.dashboardFilters}>
      {dateDefault && (
        <label className="filter">
          <span>{t.dateRange}</span>
          <select
            name="dateRange"
            value={choice.dateRange ?? dateDefault}
            onChange={(e) => onChange({ ...choice, dateRange: e.target.value as DateRangeName })}
          >
            {DATE_RANGES.map((range) => (
              <option key={range} value={range}>
                {t.dateRangeName(range)}
              </option>
            ))}
          </select>
        </label>
      )}
      {filters?.team && teams.length > 0 && (
        <label className="filter">
          <span>{t.team}</span>
          <select
            name="team"
            value={choice.team ?? ''}
            onChange={(e) => onChange({ ...choice, team: e.target.value || undefined })}
          >
            <option value="">{t.allTeams}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {filters?.owner && (
        <label className="filter">
          <span>{t.owner}</span>
          <select
            name="owner"
            value={choice.owner ?? ''}
            onChange={(e) => onChange({ ...choice, owner: e.target.value || undefined })}
          >
            <option value="">{t.allOwners}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.id === user.id ? `${owner.name} (${t.you})` : owner.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
