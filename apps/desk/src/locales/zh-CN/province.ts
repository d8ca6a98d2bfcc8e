/** Texts of the provincial desk (省级平台) pages. */
export const provinceMenuTexts = {
  liveWatch: '实时稿件流',
  index: '全省稿库',
  recommendations: '市级推荐',
  adoptions: '选用记录',
  topics: '选题',
  releases: '通稿',
  statistics: '统计考核',
  deliveries: '送达台账',
} as const;

/** 选用 channels: 报、网、端、微、屏. The value is what the adoption records. */
export const channelOptions = [
  { value: '报纸', label: '报（报纸）' },
  { value: '网站', label: '网（网站）' },
  { value: '客户端', label: '端（客户端）' },
  { value: '微信公众号', label: '微（微信公众号）' },
  { value: '大屏', label: '屏（户外大屏）' },
];

export const provinceTexts = {
  title: '标题',
  city: '所属市',
  origin: '来源单位',
  category: '栏目',
  byline: '署名',
  pooledAt: '入库时间',
  time: '时间',
  event: '动态',
  recommended: '推荐',
  recommendNote: '推荐语',
  recommendedAt: '推荐时间',
  open: '查看',
  adopt: '选用',
  allCities: '全部市',
  allCounties: '全部来源单位',
  categoryPlaceholder: '栏目',
  searchPlaceholder: '输入关键词检索全省稿库（中文分词）',
  search: '检索',
  dateRange: ['入库起', '入库止'] as [string, string],
  onlyRecommended: '只看推荐',
  searchHint: (words: string[]) => `检索词：${words.join('、')}`,
  storyLoadFailed: '稿件加载失败',
  summary: '摘要',
  authors: '作者',
  tags: '标签',
  version: '版本',
};

export const liveWatchTexts = {
  title: '实时稿件流',
  intro: '全省各大稿库的入库、更正、推荐与撤稿，实时到达，无需刷新。',
  events: {
    'index.pooled': '新入库',
    'index.corrected': '已更正',
    'index.repackaged': '已改编',
    'index.withdrawn': '已撤稿',
    'index.recommended': '获推荐',
    seeded: '已入库',
  } as Record<string, string>,
  arrived: (n: number) => `本次打开后到达 ${n} 条`,
  embargoed: '（禁发中）',
};

export const adoptTexts = {
  title: (t: string) => `选用《${t}》`,
  channels: '选用渠道',
  channelsRequired: '请至少选择一个渠道',
  ok: '确认选用',
  done: (channels: string[]) => `已选用于：${channels.join('、')}`,
};

export const adoptionsTexts = {
  title: '选用记录',
  story: '稿件',
  channel: '渠道',
  adoptedBy: '选用人',
  adoptedAt: '选用时间',
  hub: '所属稿库',
};

export const topicTexts = {
  title: '选题',
  topicTitle: '标题',
  issue: '下达选题',
  brief: '选题说明',
  deadline: '截止时间',
  targets: '下达对象',
  targetsAll: '不选即下达到全部下级中心',
  issuedAt: '下达时间',
  issuedBy: '下达人',
  coverage: '响应情况',
  coverageOf: (a: number, n: number) => `${a} / ${n} 已响应`,
  answeredAt: '响应时间',
  answers: '响应稿件',
  status: '状态',
  issued: '选题已下达',
  center: '单位',
};

export const releaseTexts = {
  title: '通稿',
  issue: '下发通稿',
  storyTitle: '标题',
  summary: '摘要',
  body: '正文',
  byline: '署名',
  category: '栏目',
  embargoUntil: '禁发至',
  note: '下发说明',
  targets: '下发对象',
  targetsAll: '不选即下发到全部下级中心',
  status: '状态',
  revision: '修订',
  issuedAt: '下发时间',
  coverage: '转载情况',
  coverageOf: (a: number, n: number) => `${a} / ${n} 已转载`,
  republishers: '转载单位',
  issued: '通稿已下发',
  center: '单位',
};

export const statisticsTexts = {
  title: '统计考核',
  month: '月份',
  centers: '按单位',
  authors: '按作者',
  ledger: '贡献台账',
  weights: '积分设置',
  charts: '积分图表',
  exportCenters: '导出单位 CSV',
  exportAuthors: '导出作者 CSV',
  rank: '名次',
  name: '名称',
  level: '级别',
  author: '作者',
  center: '单位',
  submitted: '报送',
  accepted: '入库',
  rejected: '退稿',
  adoptedCity: '市级采用',
  adoptedProvince: '省级采用',
  republished: '被转载',
  topicsAnswered: '选题响应',
  points: '积分',
  totals: '全省合计',
  kind: '类型',
  story: '稿件编号',
  channel: '渠道',
  actor: '记账单位',
  occurredAt: '发生时间',
  weightProvince: '省级采用积分',
  weightCity: '市级采用积分',
  weightRepublish: '被转载积分',
  weightsSaved: '积分已更新，当月积分已重算',
  chartPoints: '各单位积分（前 15 名）',
  chartFigures: '各单位稿件流转（前 15 名）',
  levels: { county: '县级', city: '市级', province: '省级', unknown: '—' } as Record<string, string>,
  kinds: { submitted: '报送', accepted: '入库', rejected: '退稿', adopted: '采用', republished: '转载', 'topic-answered': '选题响应' } as Record<
    string,
    string
  >,
};

export const deliveryTexts = {
  title: '送达台账',
  pending: '待确认回执',
  all: '全部送达',
  story: '稿件编号',
  holder: '接收单位',
  kind: '类型',
  version: '版本',
  sentAt: '送出时间',
  receipt: '回执',
  receiptAt: '回执时间',
  overdue: '已超时',
  overdueCheck: '立即检查超时回执',
  overdueFound: (n: number) => `发现 ${n} 条超时未回执`,
  kinds: { story: '稿件', correction: '更正', withdrawal: '撤稿' } as Record<string, string>,
};

export const formTexts = {
  input: (label: string) => `请输入${label}`,
  pick: (label: string) => `请选择${label}`,
};
