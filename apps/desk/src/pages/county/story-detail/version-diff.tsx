import { diffChars, type ChangeObject } from 'diff';
import { Col, Row, Typography } from 'antd';
import type { StoryVersionDetail } from '../../../services/county-types';
import { storyPageTexts } from '../../../locales/zh-CN/county';

const FIELDS = ['title', 'summary', 'byline', 'category', 'body'] as const;

/** The text a reader sees: tags dropped, blocks on their own lines, so the diff compares words, not markup. */
function plainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('p, h1, h2, h3, h4, li, blockquote, br').forEach((el) => el.append('\n'));
  return (doc.body.textContent ?? '').replace(/\n{2,}/g, '\n').trim();
}

function fieldText(v: StoryVersionDetail, f: (typeof FIELDS)[number]): string {
  const raw = v.content[f];
  if (raw == null) return '';
  return f === 'body' ? plainText(String(raw)) : String(raw);
}

/** One side of the comparison: the common text plus what only this side has, marked. */
function Side({ parts, side }: { parts: ChangeObject<string>[]; side: 'old' | 'new' }) {
  return (
    <div className="version-diff__text">
      {parts.map((p, i) => {
        if (p.added) return side === 'new' ? <ins key={i}>{p.value}</ins> : null;
        if (p.removed) return side === 'old' ? <del key={i}>{p.value}</del> : null;
        return <span key={i}>{p.value}</span>;
      })}
    </div>
  );
}

/** Two versions side by side, field by field; characters, since Chinese has no spaces between words. */
export function VersionDiff({ older, newer }: { older: StoryVersionDetail; newer: StoryVersionDetail }) {
  const changed = FIELDS.map((f) => ({ f, a: fieldText(older, f), b: fieldText(newer, f) })).filter((x) => x.a !== x.b);
  if (!changed.length) return <Typography.Text type="secondary">{storyPageTexts.versions.same}</Typography.Text>;
  return (
    <div data-testid="version-diff">
      {changed.map(({ f, a, b }) => {
        const parts = diffChars(a, b);
        return (
          <div key={f} className="version-diff__field">
            <Typography.Text strong>{storyPageTexts.versions.fields[f]}</Typography.Text>
            <Row gutter={16}>
              <Col span={12}>
                <Side parts={parts} side="old" />
              </Col>
              <Col span={12}>
                <Side parts={parts} side="new" />
              </Col>
            </Row>
          </div>
        );
      })}
    </div>
  );
}
