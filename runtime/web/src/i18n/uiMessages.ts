import type { DateRangeName } from '../api/dashboardTypes.js';
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
  readonly dashboards: string;
  readonly noDashboards: string;
  readonly dashboardFilters: string;
  readonly dateRange: string;
  readonly dateRangeName: (range: DateRangeName) => string;
  readonly team: string;
  readonly allTeams: string;
  readonly allOwners: string;
  readonly myTeam: string;
  readonly widgetFailed: (code: string, message: string) => string;
  readonly changeFromPrevious: (change: string) => string;
  readonly drilling: string;
  readonly drillNoList: (point: string, count: number | null) => string;
  readonly filteredList: string;
  readonly matchingRecords: (count: number) => string;
  readonly clearFilter: string;
  readonly noData: string;
}

const RANGES_EN: Readonly<Record<DateRangeName, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  last_365_days: 'Last 365 days',
  this_week: 'This week',
  last_week: 'Last week',
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  last_quarter: 'Last quarter',
  this_year: 'This year',
  last_year: 'Last year',
};
const RANGES_ZH: Readonly<Record<DateRangeName, string>> = {
  today: '今天',
  yesterday: '昨天',
  last_7_days: '最近 7 天',
  last_30_days: '最近 30 天',
  last_90_days: '最近 90 天',
  last_365_days: '最近 365 天',
  this_week: '本周',
  last_week: '上周',
  this_month: '本月',
  last_month: '上月',
  this_quarter: '本季度',
  last_quarter: '上季度',
  this_year: '今年',
  last_year: '去年',
};

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
  dashboards: 'Dashboards',
  noDashboards: 'No dashboard shows a report your role may read.',
  dashboardFilters: 'Dashboard filters',
  dateRange: 'Date range',
  dateRangeName: (r) => RANGES_EN[r],
  team: 'Team',
  allTeams: 'All teams',
  allOwners: 'All owners',
  myTeam: 'My team',
  widgetFailed: (_code, message) => `This report could not run: ${message}`,
  changeFromPrevious: (change) => `${change} vs previous period`,
  drilling: 'Finding the records behind this point…',
  drillNoList: (point, count) =>
    count === null ? `“${point}” has no list to open.` : `“${point}”: ${count}, with no list to open here.`,
  filteredList: 'Showing the records behind a chart point:',
  matchingRecords: (n) => (n === 1 ? '1 record' : `${n} records`),
  clearFilter: 'Show all',
  noData: 'No data for these filters.',
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
  dashboards: '仪表盘',
  noDashboards: '没有包含您的角色可查看报表的仪表盘。',
  dashboardFilters: '仪表盘筛选',
  dateRange: '日期范围',
  dateRangeName: (r) => RANGES_ZH[r],
  team: '团队',
  allTeams: '全部团队',
  allOwners: '全部负责人',
  myTeam: '我的团队',
  widgetFailed: (_code, message) => `该报表无法运行：${message}`,
  changeFromPrevious: (change) => `较上期 ${change}`,
  drilling: '正在查找该数据点背后的记录…',
  drillNoList: (point, count) =>
    count === null ? `“${point}”没有可打开的列表。` : `“${point}”：${count}，此处没有可打开的列表。`,
  filteredList: '正在显示图表数据点背后的记录：',
  matchingRecords: (n) => `共 ${n} 条`,
  clearFilter: '显示全部',
  noData: '当前筛选条件下没有数据。',
};

export const uiMessages: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };
