import type { RJSFValidationError } from '@rjsf/utils';

type Params = Readonly<Record<string, unknown>>;
type Messages = Readonly<Record<string, (params: Params) => string>>;

const FORMAT_EN: Readonly<Record<string, string>> = {
  email: 'Enter a valid email address.',
  uri: 'Enter a valid web address.',
  date: 'Enter a valid date.',
  'date-time': 'Enter a valid date and time.',
};
const FORMAT_ZH: Readonly<Record<string, string>> = {
  email: '请输入有效的邮箱地址。',
  uri: '请输入有效的网址。',
  date: '请输入有效的日期。',
  'date-time': '请输入有效的日期和时间。',
};

const en: Messages = {
  required: () => 'This field is required.',
  format: (p) => FORMAT_EN[String(p['format'])] ?? 'The format is not valid.',
  minLength: (p) => `Enter at least ${p['limit']} characters.`,
  maxLength: (p) => `Enter at most ${p['limit']} characters.`,
  minimum: (p) => `Enter ${p['limit']} or more.`,
  maximum: (p) => `Enter ${p['limit']} or less.`,
  pattern: () => 'The format is not valid.',
  enum: () => 'Choose one of the options.',
  const: () => 'This value is not allowed.',
  type: () => 'The value has the wrong type.',
};

const zhCN: Messages = {
  required: () => '此项为必填项。',
  format: (p) => FORMAT_ZH[String(p['format'])] ?? '格式不正确。',
  minLength: (p) => `至少输入 ${p['limit']} 个字符。`,
  maxLength: (p) => `最多输入 ${p['limit']} 个字符。`,
  minimum: (p) => `请输入不小于 ${p['limit']} 的值。`,
  maximum: (p) => `请输入不大于 ${p['limit']} 的值。`,
  pattern: () => '格式不正确。',
  enum: () => '请从选项中选择。',
  const: () => '不允许此值。',
  type: () => '值的类型不正确。',
};

/**
 * rjsf's transformErrors in the form's language: ajv's English sentences replaced by short ones a visitor reads,
 * keyed by the failing keyword; an unknown keyword keeps ajv's message.
 */
export function localizeValidationErrors(locale: string) {
  const messages = locale.toLowerCase().startsWith('zh') ? zhCN : en;
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((error) => {
      const message = error.name ? messages[error.name]?.((error.params ?? {}) as Params) : undefined;
      return message === undefined ? error : { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() };
    });
}
