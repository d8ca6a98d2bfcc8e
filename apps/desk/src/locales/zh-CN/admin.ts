/** Texts of the admin pages (用户管理, 审核设置, 死信), the same at every level. */
export const adminMenuTexts = {
  users: '用户管理',
  reviewPolicy: '审核设置',
  deadLetters: '死信',
} as const;

export const roleOptions = [
  { value: 'reporter', label: '记者' },
  { value: 'editor', label: '编辑' },
  { value: 'chief-editor', label: '总编辑（终审）' },
  { value: 'curator', label: '市级稿库审核' },
  { value: 'desk-editor', label: '省级平台编辑' },
  { value: 'admin', label: '管理员' },
];

export const usersTexts = {
  title: '用户管理',
  center: '中心',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  status: '状态',
  enabled: '正常',
  disabled: '已停用',
  createdAt: '创建时间',
  create: '新建用户',
  edit: '修改',
  disable: '停用',
  enable: '启用',
  disableConfirm: (n: string) => `停用后 ${n} 立即无法使用工作台，确认停用？`,
  resetPassword: '重设密码',
  newPassword: '新密码（至少 10 个字符）',
  password: '初始密码（至少 10 个字符）',
  passwordLabel: '密码',
  created: '用户已创建',
  updated: '已保存',
  passwordSet: '密码已重设，该用户需重新登录',
};

export const reviewPolicyTexts = {
  title: '审核设置',
  steps: '审核级数',
  two: '二审（初审、终审）',
  three: '三审（初审、复审、终审）',
  sequence: '当前流程',
  isDefault: '（默认）',
  updatedBy: (by: string, at: string) => `${by} 于 ${at} 设定`,
  saved: '审核设置已保存',
  note: '已在审核中的稿件保留已有签字，下一步按新设置进行。',
};

export const deadLetterTexts = {
  title: '死信',
  onlyPending: '只看未重放',
  id: '编号',
  type: '消息类型',
  subject: '主题',
  reason: '原因',
  deliveries: '投递次数',
  createdAt: '时间',
  replayedAt: '已重放',
  replayError: '重放失败',
  replay: '重放',
  replayConfirm: '确认已排除原因并重放这条消息？',
  replayed: '已重放',
};
