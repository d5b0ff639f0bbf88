import Form, { type IChangeEvent } from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useRef, useState } from 'react';
import type { FormsApi } from '../api/formsApi.js';
import type { Answers, PublicForm, SubmissionBody, SubmissionReceipt } from '../api/types.js';
import { useFieldStates } from '../hooks/useFieldStates.js';
import { useStableView } from '../hooks/useStableView.js';
import { formMessages } from '../i18n/formMessages.js';
import { localizeValidationErrors } from '../i18n/validationMessages.js';
import { collectHidden } from '../model/collectHidden.js';
import { attemptFor, type KeyedAttempt } from '../model/idempotencyKey.js';
import { labelText } from '../model/labelText.js';
import { localizeSchema, localizeUiSchema } from '../model/localizeSchema.js';
import type { PageContext } from '../model/pageContext.js';
import { shownStepAt, shownSteps } from '../model/shownSteps.js';
import { stepView, visibleFormView } from '../model/stepView.js';
import { type SubmissionErrors, submissionErrors } from '../model/submissionErrors.js';
import { visibleAnswers } from '../model/visibleAnswers.js';
import { CaptchaBox } from './CaptchaBox.js';
import { ConsentBox } from './ConsentBox.js';
import { HoneypotInput } from './HoneypotInput.js';

/**
 * No answer the visitor did not give: rjsf would otherwise pick the first option of every select (`oneOf` of
 * consts) and `false` for a required checkbox, which silently answers required questions and fires conditions.
 */
const NO_INVENTED_ANSWERS = { constAsDefaults: 'never', requiredBooleanDefault: 'skip' } as const;

const NO_ERRORS: SubmissionErrors = { byField: {}, consent: [], general: [], firstStep: null };

export interface FormFillProps {
  readonly api: FormsApi;
  readonly definition: PublicForm;
  readonly tenant: string;
  readonly locale: string;
  readonly page: PageContext;
  readonly onSubmitted: (receipt: SubmissionReceipt) => void;
}

function extraErrorsFor(errors: SubmissionErrors, fields: readonly string[]): ErrorSchema {
  const withErrors = fields.filter((f) => Object.hasOwn(errors.byField, f) && errors.byField[f]!.length > 0);
  return Object.fromEntries(withErrors.map((f) => [f, { __errors: [...errors.byField[f]!] }])) as ErrorSchema;
}

function errorsFromSchema(errorSchema: ErrorSchema, steps: PublicForm['steps']): SubmissionErrors {
  const details = Object.entries(errorSchema as Record<string, { __errors?: string[] }>).flatMap(([field, node]) =>
    (node?.__errors ?? []).map((message) => ({
      path: `/answers/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      message,
    })),
  );
  return submissionErrors(details, steps);
}

/**
 * One fill of a capture form: one step at a time, each validated by rjsf against the step's visible fields before
 * Next, conditions re-evaluated by the shared evaluator on every change, then one submission with an
 * idempotency key kept across retries of the same answers.
 */
export function FormFill({ api, definition, tenant, locale, page, onSubmitted }: FormFillProps) {
  const t = formMessages(locale);
  const [answers, setAnswers] = useState<Answers>({});
  const [requestedStep, setRequestedStep] = useState(0);
  const [consentAccepted, setConsentAccepted] = useState(false);
  const [honeypot, setHoneypot] = useState('');
  const [errors, setErrors] = useState<SubmissionErrors>(NO_ERRORS);
  const [banner, setBanner] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [captchaToken, setCaptchaToken] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const top = useRef<HTMLDivElement>(null);
  const lastAttempt = useRef<KeyedAttempt | null>(null);

  const states = useFieldStates(definition, answers);
  const notRendered = useMemo(
    () =>
      new Set([
        definition.honeypotField,
        ...(definition.consent ? [definition.consent.field] : []),
        ...definition.hidden.map((h) => h.field),
      ]),
    [definition],
  );
  const schema = useMemo(() => localizeSchema(definition.schema, locale), [definition, locale]);
  const uiSchema = useMemo(() => localizeUiSchema(definition.uiSchema, locale), [definition, locale]);
  const views = definition.steps.map((step) => stepView(schema, uiSchema, step, states, notRendered));
  const shown = shownSteps(views.map((v) => v.fields.length));
  const stepIndex = shownStepAt(shown, requestedStep);
  const position = shown.indexOf(stepIndex);
  const isLast = position === shown.length - 1;
  const view = useStableView(views[stepIndex]!, `${locale}|${stepIndex}`);
  const step = definition.steps[stepIndex]!;
  const transformErrors = useMemo(() => localizeValidationErrors(locale), [locale]);
  const extraErrors = useMemo(() => extraErrorsFor(errors, view.fields), [errors, view]);

  const goTo = (index: number) => {
    setRequestedStep(index);
    setBanner(null);
    top.current?.scrollIntoView({ block: 'nearest' });
    top.current?.focus({ preventScroll: true });
  };

  const onChange = (event: IChangeEvent<Answers>) => {
    const next = event.formData ?? {};
    setAnswers((previous) => ({ ...previous, ...Object.fromEntries(view.fields.map((f) => [f, next[f]])) }));
    const changed = view.fields.filter((f) => Object.hasOwn(errors.byField, f) && next[f] !== answers[f]);
    if (changed.length > 0) {
      const byField = { ...errors.byField };
      for (const field of changed) delete byField[field];
      setErrors({ ...errors, byField });
    }
  };

  const send = async () => {
    if (definition.consent?.required && !consentAccepted) {
      setErrors({ ...errors, consent: [t.consentRequired] });
      return;
    }
    if (definition.captcha && !captchaToken) {
      setBanner(t.captchaRequired);
      return;
    }
    const whole = visibleFormView(schema, uiSchema, definition.steps, states, notRendered);
    const toSend = visibleAnswers(answers, whole.fields);
    const check = validator.validateFormData(toSend, whole.schema, undefined, transformErrors, whole.uiSchema);
    if (check.errors.length > 0) {
      const found = errorsFromSchema(check.errorSchema, definition.steps);
      setErrors(found);
      if (found.firstStep !== null) goTo(found.firstStep);
      setBanner(t.fixFields);
      return;
    }
    const body: SubmissionBody = {
      answers: toSend,
      hidden: collectHidden(definition.hidden, page),
      ...(definition.consent ? { consent: { accepted: consentAccepted, version: definition.consent.version } } : {}),
      renderToken: definition.renderToken,
      ...(honeypot ? { honeypot } : {}),
      ...(captchaToken ? { captchaToken } : {}),
    };
    const attempt = attemptFor(lastAttempt.current, JSON.stringify(body));
    lastAttempt.current = attempt;
    setSending(true);
    setBanner(null);
    const outcome = await api.submit(definition.form, tenant, body, attempt.key, locale);
    setSending(false);
    if (outcome.kind !== 'accepted') setAttempt((n) => n + 1);
    switch (outcome.kind) {
      case 'accepted':
        onSubmitted(outcome.receipt);
        return;
      case 'invalid': {
        const found = submissionErrors(outcome.details, definition.steps);
        setErrors(found);
        if (found.firstStep !== null && found.firstStep !== stepIndex) goTo(found.firstStep);
        setBanner(found.general.length > 0 ? found.general.join(' ') : t.fixFields);
        return;
      }
      case 'throttled':
        setBanner(t.throttled(outcome.retryAfterSeconds));
        return;
      case 'failed':
        setBanner(t.networkError);
        return;
    }
  };

  const onSubmit = () => {
    if (sending) return;
    if (isLast) void send();
    else goTo(shown[position + 1]!);
  };

  const stepTitle = labelText(step.title, locale);
  return (
    <div className="lf-fill" data-step={step.id}>
      <div className="lf-step-head" ref={top} tabIndex={-1}>
        {shown.length > 1 && (
          <p className="lf-progress" aria-live="polite">
            {t.stepOf(position + 1, shown.length)}
          </p>
        )}
        {stepTitle && shown.length > 1 && <h2 className="lf-step-title">{stepTitle}</h2>}
      </div>
      <Form<Answers>
        key={`${step.id}|${locale}`}
        schema={view.schema}
        uiSchema={view.uiSchema}
        formData={answers}
        validator={validator}
        idPrefix="lf"
        experimental_defaultFormStateBehavior={NO_INVENTED_ANSWERS}
        noHtml5Validate
        showErrorList={false}
        focusOnFirstError
        transformErrors={transformErrors}
        extraErrors={extraErrors}
        onChange={onChange}
        onSubmit={onSubmit}
        className="lf-rjsf"
      >
        {isLast && definition.consent && (
          <ConsentBox
            consent={definition.consent}
            locale={locale}
            accepted={consentAccepted}
            errors={errors.consent}
            onChange={(accepted) => {
              setConsentAccepted(accepted);
              if (errors.consent.length > 0) setErrors({ ...errors, consent: [] });
            }}
          />
        )}
        {isLast && definition.captcha && (
          <CaptchaBox captcha={definition.captcha} locale={locale} t={t} attempt={attempt} onToken={setCaptchaToken} />
        )}
        <HoneypotInput
          name={definition.honeypotField}
          label={t.honeypotLabel}
          value={honeypot}
          onChange={setHoneypot}
        />
        {banner && (
          <p className="lf-banner" role="alert">
            {banner}
          </p>
        )}
        <div className="lf-actions">
          {position > 0 && (
            <button type="button" className="lf-back" onClick={() => goTo(shown[position - 1]!)} disabled={sending}>
              {t.back}
            </button>
          )}
          <button type="submit" className="lf-primary" disabled={sending}>
            {sending ? t.sending : isLast ? labelText(definition.submitLabel, locale, t.next) : t.next}
          </button>
        </div>
      </Form>
    </div>
  );
}
