import { type ReactNode, useEffect, useId } from 'react';
import { useI18n } from '../i18n/I18nContext.js';

export interface DrawerProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/** A panel over the right side of the page (the whole page on a phone); Escape closes it. */
export function Drawer({ title, onClose, children }: DrawerProps) {
  const { t } = useI18n();
  const titleId = useId();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="drawer-layer">
      <button type="button" className="drawer-backdrop" aria-label={t.close} tabIndex={-1} onClick={onClose} />
      <section className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="drawer-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="quiet" onClick={onClose}>
            {t.close}
          </button>
        </header>
        <div className="drawer-body">{children}</div>
      </section>
    </div>
  );
}
