import type { FieldInfo, FieldType } from '../api/types.js';
import type { FormValue } from '../format/recordForm.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';

const INPUT_TYPES: Partial<Record<FieldType, string>> = {
  email: 'email',
  phone: 'tel',
  url: 'url',
  number: 'number',
  integer: 'number',
  currency: 'number',
  date: 'date',
  datetime: 'datetime-local',
};

export interface FieldInputProps {
  readonly field: FieldInfo;
  readonly value: FormValue;
  readonly errors: readonly string[];
  readonly onChange: (value: FormValue) => void;
}

function Control({ field, value, onChange, describedBy }: Omit<FieldInputProps, 'errors'> & { describedBy?: string }) {
  const { locale, t } = useI18n();
  const common = {
    id: `field-${field.name}`,
    name: field.name,
    'aria-invalid': describedBy?.includes('-error') ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
  const text = typeof value === 'string' ? value : '';
  if (field.type === 'select') {
    return (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.choose}</option>
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {pickLabel(o.label, locale, o.value)}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <select
        {...common}
        multiple
        value={[...chosen]}
        onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
      >
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {pickLabel(o.label, locale, o.value)}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'longtext') {
    return <textarea {...common} rows={4} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  const numeric = field.type === 'number' || field.type === 'integer' || field.type === 'currency';
  return (
    <input
      {...common}
      type={INPUT_TYPES[field.type] ?? 'text'}
      value={text}
      onChange={(e) => onChange(e.target.value)}
      {...(numeric ? { step: field.type === 'integer' ? 1 : 'any', inputMode: 'decimal' as const } : {})}
      {...(field.max !== undefined && !numeric ? { maxLength: field.max } : {})}
    />
  );
}

/** One field of a generated form: label, control, help and the server's messages about it. */
export function FieldInput({ field, value, errors, onChange }: FieldInputProps) {
  const { locale, t } = useI18n();
  const label = pickLabel(field.label, locale, field.name);
  const help = field.help ? pickLabel(field.help, locale) : '';
  const helpId = help ? `field-${field.name}-help` : undefined;
  const errorId = errors.length > 0 ? `field-${field.name}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const errorList = errorId && (
    <ul className="field-error" id={errorId} data-field-error={field.name}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );

  if (field.type === 'boolean') {
    return (
      <div className={errorId ? 'form-field checkbox invalid' : 'form-field checkbox'}>
        <label>
          <input
            id={`field-${field.name}`}
            name={field.name}
            type="checkbox"
            checked={value === true}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.checked)}
          />
          {label}
        </label>
        {help && (
          <p className="help" id={helpId}>
            {help}
          </p>
        )}
        {errorList}
      </div>
    );
  }
  return (
    <div className={errorId ? 'form-field invalid' : 'form-field'}>
      <label htmlFor={`field-${field.name}`}>
        {label}
        {field.required && (
          <span className="required" title={t.required}>
            {' '}
            *
          </span>
        )}
      </label>
      <Control field={field} value={value} onChange={onChange} {...(describedBy ? { describedBy } : {})} />
      {help && (
        <p className="help" id={helpId}>
          {help}
        </p>
      )}
      {errorList}
    </div>
  );
}
