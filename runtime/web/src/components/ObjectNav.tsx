import type { ObjectInfo } from '../api/types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { objectPath } from '../navigation/objectPath.js';

export interface ObjectNavProps {
  readonly objects: readonly ObjectInfo[];
  readonly selected: string | undefined;
  readonly onSelect: (name: string) => void;
}

/** The app's objects, labelled in the chosen language. */
export function ObjectNav({ objects, selected, onSelect }: ObjectNavProps) {
  const { locale, t } = useI18n();
  return (
    <nav className="object-nav" aria-label={t.objects}>
      <ul>
        {objects.map((object) => (
          <li key={object.name}>
            <a
              href={objectPath(object.name)}
              aria-current={object.name === selected ? 'page' : undefined}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                onSelect(object.name);
              }}
            >
              {pickLabel(object.label, locale, object.name)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
