import { type FormEvent, useMemo, useState } from 'react';
import { ApiError } from '../api/ApiError.js';
import { leadforgeApi } from '../api/leadforgeApi.js';
import type { ApiRecord, ObjectInfo } from '../api/types.js';
import {
  type FormErrors,
  type FormValues,
  formErrorsFrom,
  formFields,
  initialFormValues,
  recordDataFromForm,
} from '../format/recordForm.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { useSession } from '../session/SessionContext.js';
import { Drawer } from './Drawer.js';
import { FieldInput } from './FieldInput.js';

const NO_ERRORS: FormErrors = { byField: {}, general: [] };

export interface NewRecordFormProps {
  readonly object: ObjectInfo;
  readonly onCreated: (record: ApiRecord) => void;
  readonly onCancel: () => void;
}

/**
 * A form generated from the object's writable fields. The server is the one judge of validity: its 422
 * details are shown next to the fields they name.
 */
export function NewRecordForm({ object, onCreated, onCancel }: NewRecordFormProps) {
  const { locale, t } = useI18n();
  const { reportError } = useSession();
  const fields = useMemo(() => formFields(object.fields), [object]);
  const [values, setValues] = useState<FormValues>(() => initialFormValues(fields));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const record = await leadforgeApi.createRecord(object.name, recordDataFromForm(fields, values));
      onCreated(record);
    } catch (err) {
      reportError(err);
      if (err instanceof ApiError && err.details.length > 0) {
        setErrors(
          formErrorsFrom(
            err.details,
            fields.map((f) => f.name),
          ),
        );
      } else {
        setErrors({ byField: {}, general: [err instanceof Error ? err.message : String(err)] });
      }
      setBusy(false);
    }
  };

  const hasFieldErrors = Object.keys(errors.byField).length > 0;
  return (
    <Drawer title={t.newRecordTitle(pickLabel(object.label, locale, object.name))} onClose={onCancel}>
      <form className="record-form" noValidate onSubmit={submit}>
        {(hasFieldErrors || errors.general.length > 0) && (
          <div className="form-error" role="alert">
            {hasFieldErrors && <p>{t.fixFields}</p>}
            {errors.general.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        {fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            errors={errors.byField[field.name] ?? []}
            onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
          <button type="button" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Drawer>
  );
}
