import type { CompiledField } from '../compile/types.js';

/** What can be wrong with an answer; worded per locale below. */
export type AnswerProblemKind =
  | 'required'
  | 'unknown'
  | 'notAllowed'
  | 'notObject'
  | 'controlCharacters'
  | 'encoding'
  | 'maxLength'
  | 'minLength'
  | 'minimum'
  | 'maximum'
  | 'pattern'
  | 'unique'
  | 'consentRequired'
  | 'consentVersion'
  | 'captchaRequired'
  | 'captchaFailed'
  | 'expired'
  | `type:${CompiledField['type']}`;

type Messages = Readonly<Record<AnswerProblemKind, string>>;

const EN: Messages = {
  required: 'is required',
  unknown: 'is not a field of this form',
  notAllowed: 'is not allowed',
  notObject: 'must be an object of answers',
  controlCharacters: 'must not contain line breaks or control characters',
  encoding: 'contains characters that are not valid text',
  maxLength: 'must be at most {limit} characters',
  minLength: 'must be at least {limit} characters',
  minimum: 'must be at least {limit}',
  maximum: 'must be at most {limit}',
  pattern: 'has the wrong format',
  unique: 'must not repeat a choice',
  consentRequired: 'please accept to continue',
  consentVersion: 'the consent text has changed; please reload the form',
  captchaRequired: 'please complete the verification',
  captchaFailed: 'the verification did not succeed; please try again',
  expired: 'this form has expired; please reload the page',
  'type:text': 'must be text',
  'type:longtext': 'must be text',
  'type:email': 'must be a valid email address',
  'type:phone': 'must be a valid phone number',
  'type:url': 'must be a web address starting with http:// or https://',
  'type:number': 'must be a number',
  'type:currency': 'must be an amount',
  'type:integer': 'must be a whole number',
  'type:boolean': 'must be yes or no',
  'type:date': 'must be a date (YYYY-MM-DD)',
  'type:datetime': 'must be a date and time',
  'type:select': 'must be one of the choices',
  'type:multiselect': 'must be among the choices',
  'type:user': 'is not a valid choice',
  'type:reference': 'is not a valid choice',
};

const ZH: Messages = {
  required: '此项为必填项',
  unknown: '不是此表单的字段',
  notAllowed: '不允许使用',
  notObject: '必须是答案对象',
  controlCharacters: '不能包含换行或控制字符',
  encoding: '包含无效的字符',
  maxLength: '最多 {limit} 个字符',
  minLength: '至少 {limit} 个字符',
  minimum: '不能小于 {limit}',
  maximum: '不能大于 {limit}',
  pattern: '格式不正确',
  unique: '选项不能重复',
  consentRequired: '请勾选同意后继续',
  consentVersion: '同意条款已更新，请刷新表单',
  captchaRequired: '请完成人机验证',
  captchaFailed: '人机验证未通过，请重试',
  expired: '表单已过期，请刷新页面',
  'type:text': '必须是文本',
  'type:longtext': '必须是文本',
  'type:email': '请输入有效的邮箱地址',
  'type:phone': '请输入有效的电话号码',
  'type:url': '请输入以 http:// 或 https:// 开头的网址',
  'type:number': '必须是数字',
  'type:currency': '必须是金额',
  'type:integer': '必须是整数',
  'type:boolean': '必须是“是”或“否”',
  'type:date': '请输入日期（YYYY-MM-DD）',
  'type:datetime': '请输入日期和时间',
  'type:select': '请从选项中选择',
  'type:multiselect': '请从选项中选择',
  'type:user': '不是有效的选项',
  'type:reference': '不是有效的选项',
};

const BY_LOCALE: Readonly<Record<string, Messages>> = { en: EN, 'zh-CN': ZH, zh: ZH };

/** A problem message in `locale` (English for locales without a table). */
export function answerMessage(locale: string, kind: AnswerProblemKind, limit?: number): string {
  const table = BY_LOCALE[locale] ?? BY_LOCALE[locale.split('-')[0]!] ?? EN;
  return table[kind].replace('{limit}', String(limit ?? ''));
}
