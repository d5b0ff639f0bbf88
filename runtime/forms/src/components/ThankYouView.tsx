import type { ThankYou } from '../api/types.js';
import type { FormMessages } from '../i18n/formMessages.js';
import { labelText } from '../model/labelText.js';

export interface ThankYouViewProps {
  readonly thankYou: ThankYou;
  /** The redirect address once checked safe, or null. */
  readonly redirectTo: string | null;
  readonly locale: string;
  readonly t: FormMessages;
}

/** The form's thank-you message, or a link to where the visitor is being taken (in case the browser blocks it). */
export function ThankYouView({ thankYou, redirectTo, locale, t }: ThankYouViewProps) {
  if ('message' in thankYou) {
    return (
      <div className="lf-thank-you" role="status">
        <p>{labelText(thankYou.message, locale, t.thankYou)}</p>
      </div>
    );
  }
  return (
    <div className="lf-thank-you" role="status">
      <p>{t.redirecting}</p>
      {redirectTo && (
        <p>
          <a href={redirectTo} target="_top" rel="noopener">
            {redirectTo}
          </a>
        </p>
      )}
    </div>
  );
}
