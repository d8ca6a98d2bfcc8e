import request from 'supertest';

/** supertest bound to an app's base URL with a desk token. */
export const as = (base: string, token?: string) => {
  const auth = (r: request.Test) => (token ? r.set('authorization', `Bearer ${token}`) : r);
  return {
    get: (path: string) => auth(request(base).get(path)),
    post: (path: string, body?: object) => auth(request(base).post(path)).send(body ?? {}),
    patch: (path: string, body?: object) => auth(request(base).patch(path)).send(body ?? {}),
    put: (path: string, body?: object) => auth(request(base).put(path)).send(body ?? {}),
    delete: (path: string) => auth(request(base).delete(path)),
  };
};

export const storyInput = (over: Record<string, unknown> = {}) => ({
  title: '章贡区：县级融媒体中心打造“大稿库”',
  body: '<p>赣州市章贡区融媒体中心推进媒体深度融合，建成“一次采集、多种生成、多元传播”的采编格局。</p>',
  byline: '记者 刘敏 通讯员 陈晓',
  authors: [
    { name: '刘敏', role: 'reporter' },
    { name: '陈晓', role: 'correspondent' },
  ],
  category: '时政',
  tags: ['媒体融合', '大稿库'],
  ...over,
});
