/** Interface text of the capture form; the form's own labels come from its definition. */
export interface FormMessages {
  readonly loading: string;
  readonly notFound: string;
  readonly loadFailed: string;
  readonly next: string;
  readonly back: string;
  readonly sending: string;
  readonly stepOf: (step: number, total: number) => string;
  readonly consentRequired: string;
  readonly fixFields: string;
  readonly throttled: (seconds: number | null) => string;
  readonly networkError: string;
  readonly thankYou: string;
  readonly redirecting: string;
  readonly honeypotLabel: string;
  readonly captchaRequired: string;
  readonly captchaUnavailable: string;
  readonly language: string;
}

const en: FormMessages = {
  loading: 'Loading…',
  notFound: 'This form is not available.',
  loadFailed: 'The form could not be loaded. Check your connection and reload the page.',
  next: 'Next',
  back: 'Back',
  sending: 'Sending…',
  stepOf: (step, total) => `Step ${step} of ${total}`,
  consentRequired: 'Please accept to continue.',
  fixFields: 'Please correct the highlighted fields.',
  throttled: (s) =>
    `We are receiving many submissions right now. Please try again ${s ? `in ${s} seconds` : 'in a moment'}; your answers are kept.`,
  networkError: 'Your answers could not be sent. Check your connection and try again; your answers are kept.',
  thankYou: 'Thank you!',
  redirecting: 'Thank you! Taking you on…',
  honeypotLabel: 'Leave this field empty',
  captchaRequired: 'Please complete the check above.',
  captchaUnavailable: 'The anti-spam check could not load. Reload the page, or try another network.',
  language: 'Language',
};

const zhCN: FormMessages = {
  loading: '加载中…',
  notFound: '该表单不可用。',
  loadFailed: '表单加载失败，请检查网络后刷新页面。',
  next: '下一步',
  back: '上一步',
  sending: '正在提交…',
  stepOf: (step, total) => `第 ${step} 步，共 ${total} 步`,
  consentRequired: '请勾选同意后继续。',
  fixFields: '请修正标出的字段。',
  throttled: (s) => `当前提交人数较多，请${s ? ` ${s} 秒后` : '稍后'}再试；您填写的内容已保留。`,
  networkError: '提交失败，请检查网络后重试；您填写的内容已保留。',
  thankYou: '感谢您的提交！',
  redirecting: '感谢您的提交！正在跳转…',
  honeypotLabel: '请勿填写此项',
  captchaRequired: '请先完成上方的验证。',
  captchaUnavailable: '人机验证加载失败，请刷新页面或更换网络后重试。',
  language: '语言',
};

/** The interface text for a locale; Chinese for any `zh` tag, English otherwise. */
export function formMessages(locale: string): FormMessages {
  return locale.toLowerCase().startsWith('zh') ? zhCN : en;
}
