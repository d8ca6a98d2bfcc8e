import { changedFields } from './changed-fields';

describe('changedFields', () => {
  it('keeps only the keys whose values differ', () => {
    const r = changedFields({ title: '旧标题', tags: ['a'], version: 1 }, { title: '新标题', tags: ['a'], version: 2 }, ['title', 'tags', 'version']);
    expect(r).toEqual({ before: { title: '旧标题', version: 1 }, after: { title: '新标题', version: 2 } });
  });

  it('compares dates by instant and treats undefined as null', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const r = changedFields<{ at?: Date | null; s?: string | null }>({ at: new Date(at), s: undefined }, { at: new Date(at), s: null }, ['at', 's']);
    expect(r).toEqual({ before: {}, after: {} });
  });
});
