import type { AppDefinition } from '../schemas/index.js';
import { report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** The default locale is one of the declared locales. */
export function checkApp(ctx: CheckContext, { file, value }: Checked<AppDefinition>): void {
  if (value.locales && !value.locales.includes(value.defaultLocale)) {
    report(ctx, file, '/defaultLocale', `"${value.defaultLocale}" is not one of locales (${value.locales.join(', ')})`);
  }
}
