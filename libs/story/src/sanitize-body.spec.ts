import { bodyText, sanitizeBody } from './sanitize-body';

describe('sanitizeBody', () => {
  it('removes scripts, event handlers and javascript: links but keeps the article', () => {
    const out = sanitizeBody(
      '<p onclick="steal()">赣州<script>alert(1)</script><a href="javascript:x()">链接</a><img src="https://a.cn/x.jpg" onerror="x()"></p><style>p{}</style>',
    );
    expect(out).toBe('<p>赣州<a>链接</a><img src="https://a.cn/x.jpg" /></p>');
  });

  it('keeps full-width punctuation and Chinese text intact', () => {
    expect(sanitizeBody('<p>“一次采集、多种生成、多元传播”——融媒体！</p>')).toBe('<p>“一次采集、多种生成、多元传播”——融媒体！</p>');
  });

  it('bodyText gives plain text for search', () => {
    expect(bodyText('<p>第一段</p><p>第二段&nbsp;内容</p>')).toBe('第一段第二段 内容');
  });
});
