/** Word lists and weights the demo generator draws from (b2b-saas, a Chinese B2B software vendor). */

export const CHANNELS = ['web_form', 'ads', 'event', 'referral', 'import', 'api', 'manual'] as const;
export type DemoChannel = (typeof CHANNELS)[number];

/** Share of leads per channel (same order as CHANNELS). */
export const CHANNEL_WEIGHTS: readonly number[] = [30, 22, 12, 10, 12, 6, 8];

/** How much better than average a channel's leads progress (referrals close, imported lists rarely do). */
export const CHANNEL_QUALITY: Readonly<Record<DemoChannel, number>> = {
  web_form: 1,
  ads: 0.85,
  event: 1.1,
  referral: 1.35,
  import: 0.65,
  api: 0.9,
  manual: 1.05,
};

/** What one lead costs on a channel, in CNY (cost records are expected leads × this, with noise). */
export const CHANNEL_COST_PER_LEAD: Readonly<Record<DemoChannel, number>> = {
  web_form: 180,
  ads: 420,
  event: 650,
  referral: 300,
  import: 60,
  api: 90,
  manual: 40,
};

export const UTM_SOURCES: Readonly<Partial<Record<DemoChannel, readonly string[]>>> = {
  web_form: ['baidu', 'google', 'wechat', 'zhihu', 'newsletter'],
  ads: ['baidu-sem', 'wechat-ads', 'linkedin-ads', 'toutiao'],
  event: ['event'],
};

export const INDUSTRIES = [
  'saas',
  'manufacturing',
  'retail',
  'finance',
  'healthcare',
  'education',
  'logistics',
  'other',
];
export const INDUSTRY_WEIGHTS: readonly number[] = [22, 20, 12, 14, 9, 9, 8, 6];
export const INDUSTRY_WORD: Readonly<Record<string, string>> = {
  saas: '软件',
  manufacturing: '制造',
  retail: '商贸',
  finance: '金融服务',
  healthcare: '医疗科技',
  education: '教育科技',
  logistics: '物流',
  other: '实业',
};

export const ROLES = ['ceo', 'cto', 'vp', 'director', 'manager', 'engineer', 'other'];
export const ROLE_WEIGHTS: readonly number[] = [6, 8, 8, 18, 30, 20, 10];
export const ROLE_TITLE: Readonly<Record<string, string>> = {
  ceo: '总经理',
  cto: '首席技术官',
  vp: '副总裁',
  director: '信息化总监',
  manager: '采购经理',
  engineer: '高级工程师',
  other: '专员',
};

export const REGIONS = ['north', 'east', 'south', 'west', 'central'];
export const REGION_WEIGHTS: readonly number[] = [24, 32, 22, 10, 12];
export const PROVINCES: Readonly<Record<string, readonly string[]>> = {
  north: ['北京', '天津', '河北'],
  east: ['上海', '江苏', '浙江', '山东'],
  south: ['广东', '福建', '海南'],
  west: ['四川', '重庆', '陕西'],
  central: ['湖北', '湖南', '河南'],
};

/** [hanzi, pinyin] */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
];
export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀英', 'xiuying'],
  ['建华', 'jianhua'],
  ['晓东', 'xiaodong'],
  ['海燕', 'haiyan'],
  ['志强', 'zhiqiang'],
];
export const COMPANY_CORES: readonly (readonly [string, string])[] = [
  ['云途', 'yuntu'],
  ['智联', 'zhilian'],
  ['启明', 'qiming'],
  ['星河', 'xinghe'],
  ['恒信', 'hengxin'],
  ['华拓', 'huatuo'],
  ['数擎', 'shuqing'],
  ['博远', 'boyuan'],
  ['锐思', 'ruisi'],
  ['联创', 'lianchuang'],
  ['青禾', 'qinghe'],
  ['天工', 'tiangong'],
  ['新航', 'xinhang'],
  ['金桥', 'jinqiao'],
  ['鼎盛', 'dingsheng'],
  ['长风', 'changfeng'],
];
export const FREEMAIL_DOMAINS = ['qq.com', '163.com', '126.com'];

export const PAGES = ['/', '/product', '/solutions', '/customers', '/blog', '/docs', '/about'];
