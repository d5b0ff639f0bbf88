/**
 * The language a form is shown in: the one asked for (`?lang=en`, `data-lang="zh"`) when the form has it,
 * matched by exact tag or by primary language, else the form's own locale.
 */
export function formLocale(
  form: { readonly locale: string; readonly locales: readonly string[] },
  requested: string | null | undefined,
): string {
  const wanted = requested?.trim().toLowerCase();
  if (!wanted) return form.locale;
  const exact = form.locales.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split('-')[0];
  return form.locales.find((l) => l.toLowerCase().split('-')[0] === primary) ?? form.locale;
}
