import type { Locale } from '../api/types.js';

/** Interface text of the web app; record data and labels come from the app package instead. */
export interface Messages {
  readonly signInTitle: string;
  readonly email: string;
  readonly password: string;
  readonly signIn: string;
  readonly signingIn: string;
  readonly signOut: string;
  readonly wrongCredentials: string;
  readonly throttled: (seconds: number | null) => string;
  readonly networkError: string;
  readonly loading: string;
  readonly objects: string;
  readonly noObjects: string;
  readonly searchPlaceholder: string;
  readonly search: string;
  readonly clearSearch: string;
  readonly newRecord: string;
  readonly newRecordTitle: (objectLabel: string) => string;
  readonly loadMore: string;
  readonly noRecords: string;
  readonly noMatches: (query: string) => string;
  readonly owner: string;
  readonly updatedAt: string;
  readonly createdAt: string;
  readonly version: string;
  readonly you: string;
  readonly close: string;
  readonly details: string;
  readonly history: string;
  readonly noHistory: string;
  readonly action: (action: string) => string;
  readonly by: (actor: string) => string;
  readonly save: string;
  readonly saving: string;
  readonly cancel: string;
  readonly fixFields: string;
  readonly required: string;
  readonly yes: string;
  readonly no: string;
  readonly choose: string;
  readonly language: string;
  readonly notSet: string;
}

const ACTIONS_EN: Readonly<Record<string, string>> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
  restore: 'Restored',
};
const ACTIONS_ZH: Readonly<Record<string, string>> = {
  create: '创建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
};

const en: Messages = {
  signInTitle: 'Sign in to Leadforge',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  wrongCredentials: 'The email or password is incorrect.',
  throttled: (s) => `Too many attempts. Try again ${s ? `in ${s} seconds` : 'later'}.`,
  networkError: 'The server could not be reached. Check your connection and try again.',
  loading: 'Loading…',
  objects: 'Objects',
  noObjects: 'Your role may not read any object of this app.',
  searchPlaceholder: 'Search…',
  search: 'Search',
  clearSearch: 'Clear',
  newRecord: 'New',
  newRecordTitle: (label) => `New ${label}`,
  loadMore: 'Load more',
  noRecords: 'No records yet.',
  noMatches: (q) => `Nothing matches “${q}”.`,
  owner: 'Owner',
  updatedAt: 'Updated',
  createdAt: 'Created',
  version: 'Version',
  you: 'You',
  close: 'Close',
  details: 'Details',
  history: 'History',
  noHistory: 'No history.',
  action: (a) => ACTIONS_EN[a] ?? a,
  by: (actor) => `by ${actor}`,
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  fixFields: 'Please correct the highlighted fields.',
  required: 'required',
  yes: 'Yes',
  no: 'No',
  choose: '— choose —',
  language: 'Language',
  notSet: '—',
};

const zhCN: Messages = {
  signInTitle: '登录 Leadforge',
  email: '邮箱',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出登录',
  wrongCredentials: '邮箱或密码不正确。',
  throttled: (s) => `尝试次数过多，请${s ? ` ${s} 秒后` : '稍后'}再试。`,
  networkError: '无法连接服务器，请检查网络后重试。',
  loading: '加载中…',
  objects: '对象',
  noObjects: '您的角色无权查看本应用的任何对象。',
  searchPlaceholder: '搜索…',
  search: '搜索',
  clearSearch: '清除',
  newRecord: '新建',
  newRecordTitle: (label) => `新建${label}`,
  loadMore: '加载更多',
  noRecords: '暂无记录。',
  noMatches: (q) => `没有与“${q}”匹配的记录。`,
  owner: '负责人',
  updatedAt: '更新时间',
  createdAt: '创建时间',
  version: '版本',
  you: '我',
  close: '关闭',
  details: '详情',
  history: '变更历史',
  noHistory: '暂无历史。',
  action: (a) => ACTIONS_ZH[a] ?? a,
  by: (actor) => `操作人 ${actor}`,
  save: '保存',
  saving: '正在保存…',
  cancel: '取消',
  fixFields: '请修正标出的字段。',
  required: '必填',
  yes: '是',
  no: '否',
  choose: '— 请选择 —',
  language: '语言',
  notSet: '—',
};

export const uiMessages: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };
