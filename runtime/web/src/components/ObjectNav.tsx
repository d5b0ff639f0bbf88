import type { MouseEvent } from 'react';
import type { ObjectInfo } from '../api/types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { objectPath } from '../navigation/objectPath.js';
import { dashboardPath } from '../navigation/route.js';

export interface ObjectNavProps {
  readonly objects: readonly ObjectInfo[];
  /** The object shown, or `dashboards` when a dashboard is. */
  readonly selected: { readonly kind: 'object'; readonly name: string | undefined } | { readonly kind: 'dashboards' };
  readonly onGo: (address: string) => void;
}

/** Dashboards, then the app's objects, labelled in the chosen language. */
export function ObjectNav({ objects, selected, onGo }: ObjectNavProps) {
  const { locale, t } = useI18n();
  const follow = (address: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onGo(address);
  };
  return (
    <nav className="object-nav" aria-label={t.objects}>
      <ul>
        <li className="nav-dashboards">
          <a
            href={dashboardPath()}
            aria-current={selected.kind === 'dashboards' ? 'page' : undefined}
            onClick={follow(dashboardPath())}
          >
            {t.dashboards}
          </a>
        </li>
        {objects.map((object) => (
          <li key={object.name}>
            <a
              href={objectPath(object.name)}
              aria-current={selected.kind === 'object' && object.name === selected.name ? 'page' : undefined}
              onClick={follow(objectPath(object.name))}
            >
              {pickLabel(object.label, locale, object.name)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
