/** Every string the desk shows, in one place per area, so pages never hard-code text. */
export { errorTexts, statusTexts, constraintTemplates } from './errors';
export { fieldLabels } from './fields';
export { menuTexts } from './menu';
export * from './city';
export { mediaTexts } from './media';

/** 请撤下: an adopted story was withdrawn; the desk takes it off its channels and says so. */
export const takedownTexts = {
  column: '撤稿处理',
  asked: '已撤稿，请撤下',
  confirm: '已撤下',
  confirmTitle: '确认已从本中心全部选用渠道撤下此稿？',
  done: (by: string, at: string) => `已撤下（${by}，${at}）`,
  confirmed: '已确认撤下',
  ownChannels: (name: string) => `${name}（本中心渠道：请撤下）`,
};

export const commonTexts = {
  appName: '融媒体稿件工作台',
  signOut: '退出',
  signIn: '登录',
  save: '保存',
  cancel: '取消',
  edit: '编辑',
  create: '新建',
  back: '返回',
  refresh: '刷新',
  prevPage: '上一页',
  nextPage: '下一页',
  loading: '加载中…',
  more: '加载更多',
  saved: '已保存',
  actions: '操作',
  empty: '暂无数据',
  notFound: '页面不存在',
  backHome: '回到首页',
  forbidden: '您没有权限访问此页面',
};

export const levelTexts: Record<'county' | 'city' | 'province', string> = {
  county: '县级',
  city: '市级',
  province: '省级',
};

export const loginTexts = {
  title: '登录工作台',
  center: '中心',
  centerPlaceholder: '请选择您所在的中心',
  username: '用户名',
  password: '密码',
  required: (label: string) => `请输入${label}`,
  wrongPassword: '用户名或密码错误',
  centersFailed: '无法获取中心列表，请稍后重试',
};

export const accountTexts = {
  title: '我的账户',
  name: '姓名',
  userId: '用户编号',
  role: '角色',
  center: '中心',
  centerCode: '中心代码',
  level: '级别',
  parent: '上级中心',
  actions: '可执行的操作',
  none: '无',
};

export const homeTexts = {
  welcome: (name: string) => `${name}，您好`,
  intro: '从左侧菜单选择要处理的工作。',
  live: '实时动态',
  liveIdle: '暂无新动态',
};

export const storyTexts = {
  listTitle: '稿件',
  newStory: '写稿',
  editTitle: '编辑稿件',
  newTitle: '写稿',
  title: '标题',
  status: '状态',
  byline: '署名',
  category: '栏目',
  updatedAt: '更新时间',
  version: '版本',
  filterStatus: '按状态筛选',
  allStatuses: '全部状态',
  notEditable: '此稿件当前状态不可修改',
  created: '草稿已保存',
  submit: '上报',
  submitConfirm: '确认终审签字并上报到上级中心？',
  submitted: '已上报',
  loadFailed: '稿件加载失败',
};

export const editorTexts = {
  bold: '加粗',
  italic: '斜体',
  h2: '标题二',
  h3: '标题三',
  bulletList: '无序列表',
  orderedList: '有序列表',
  quote: '引用',
  link: '链接',
  unlink: '取消链接',
  linkPrompt: '链接地址（http:// 或 https://）',
  placeholder: '在此输入正文；可从 Word、WPS 粘贴，格式会被整理',
};

export const liveTexts = {
  connected: '实时连接正常',
  reconnecting: '连接中断，正在重连…',
  closed: '未连接',
};

/** For the status filter only; the list itself shows the server's statusLabel. */
export const storyStatusOptions: { value: string; label: string }[] = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '已上报，待审核' },
  { value: 'accepted', label: '已入库' },
  { value: 'rejected', label: '已退稿' },
  { value: 'returned', label: '退回修改' },
];
