import type { ConsentDefinition } from '../api/types.js';
import { labelText } from '../model/labelText.js';

export interface ConsentBoxProps {
  readonly consent: ConsentDefinition;
  readonly locale: string;
  readonly accepted: boolean;
  readonly errors: readonly string[];
  readonly onChange: (accepted: boolean) => void;
}

/** The consent checkbox with its text; its version goes with the submission so the server stores what was agreed. */
export function ConsentBox({ consent, locale, accepted, errors, onChange }: ConsentBoxProps) {
  const id = `lf-consent-${consent.field}`;
  return (
    <div className={errors.length > 0 ? 'lf-consent has-error' : 'lf-consent'} data-consent-version={consent.version}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={consent.field}
          checked={accepted}
          required={consent.required}
          aria-invalid={errors.length > 0}
          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          {labelText(consent.text, locale)}
          {consent.required && <span className="lf-required"> *</span>}
        </span>
      </label>
      {errors.length > 0 && (
        <p id={`${id}-error`} className="lf-field-error" role="alert">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
