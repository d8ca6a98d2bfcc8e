/** Side-menu entries; keys are route paths under /desk. */
export const menuTexts = {
  home: '首页',
  stories: '稿件',
  newStory: '写稿',
  reviewQueue: '审核队列',
  pool: '大稿库',
  index: '省级稿库',
  topics: '选题',
  releases: '通稿',
  statistics: '统计',
  users: '用户管理',
  account: '我的账户',
} as const;
