import { mergedCredits } from './merged-credits';

describe('mergedCredits', () => {
  it('credits every member once, the merged-into story first', () => {
    const c = mergedCredits([
      {
        byline: '记者 刘敏 通讯员 陈晓',
        authors: [
          { name: '刘敏', role: 'reporter' },
          { name: '陈晓', role: 'correspondent' },
        ],
      },
      {
        byline: '记者 张华',
        authors: [
          { name: '张华', role: 'reporter' },
          { name: '陈晓', role: 'correspondent' },
        ],
      },
      { byline: '记者 刘敏 通讯员 陈晓', authors: [{ name: '刘敏', role: 'reporter' }] },
    ]);
    expect(c.byline).toBe('记者 刘敏 通讯员 陈晓；记者 张华');
    expect(c.authors).toEqual([
      { name: '刘敏', role: 'reporter' },
      { name: '陈晓', role: 'correspondent' },
      { name: '张华', role: 'reporter' },
    ]);
  });
});
