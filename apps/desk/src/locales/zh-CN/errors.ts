/**
 * Chinese texts for server errors. A field error carries a class-validator constraint name
 * (`code`) and its params; the template receives the field's Chinese label.
 */
export type ConstraintTemplate = (label: string, params: Record<string, unknown>) => string;

export const constraintTemplates: Record<string, ConstraintTemplate> = {
  isNotEmpty: (l) => `${l}不能为空`,
  isDefined: (l) => `${l}不能为空`,
  minLength: (l, p) => (Number(p.min) <= 1 ? `${l}不能为空` : `${l}至少 ${p.min} 个字符`),
  maxLength: (l, p) => `${l}不能超过 ${p.max} 个字符`,
  isString: (l) => `${l}必须是文本`,
  isInt: (l) => `${l}必须是整数`,
  isIn: (l) => `${l}的取值无效`,
  isEnum: (l) => `${l}的取值无效`,
  matches: (l) => `${l}格式不正确`,
  isUuid: (l) => `${l}不是有效的编号`,
  isUUID: (l) => `${l}不是有效的编号`,
  isUrl: (l) => `${l}不是有效的网址`,
  isDateString: (l) => `${l}不是有效的时间`,
  isIso8601: (l) => `${l}不是有效的时间`,
  arrayMaxSize: (l, p) => `${l}最多 ${p.max} 项`,
  arrayMinSize: (l, p) => `${l}至少 ${p.min} 项`,
  whitelistValidation: (l) => `不应提交${l}`,
  min: (l, p) => `${l}不能小于 ${p.min}`,
  max: (l, p) => `${l}不能大于 ${p.max}`,
};

/** Texts for whole-request failures, by HTTP status. */
export const statusTexts: Record<number, string> = {
  0: '无法连接服务器，请检查网络后重试',
  400: '提交的内容有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '您没有权限执行此操作',
  404: '要找的内容不存在或已被删除',
  409: '内容已被他人修改或状态已变化，请刷新后重试',
  413: '提交的内容过大',
  422: '当前状态下不能执行此操作',
  429: '操作过于频繁，请稍后再试',
  500: '服务器出错，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
};

/** Texts for error codes the server names (the `code` of a non-field error), when known. */
export const errorTexts: Record<string, string> = {
  invalid_credentials: '用户名或密码错误',
  account_disabled: '账户已停用，请联系管理员',
  rate_limited: '操作过于频繁，请稍后再试',
  database_unavailable: '数据库暂时不可用，请稍后重试',
  'already-exists': '已存在同名的记录（如用户名已被使用）',
  'already-decided': '该稿件已有审核决定',
  'claimed-by-other': '该稿件已被其他审核员领取',
  'not-claim-holder': '您未领取该稿件，无法放回',
  'already-recommended': '该稿件已推荐过',
  'already-adopted': '该稿件已选用到此渠道',
  'release-withdrawn': '该通稿已撤稿',
};
