import { Typography } from 'antd';
import { paragraphsOf } from './story-text';

/** A story's full text, as paragraphs of plain text. */
export function StoryBody({ html }: { html: string }) {
  return (
    <div data-testid="story-body">
      {paragraphsOf(html).map((p, i) => (
        <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
      ))}
    </div>
  );
}
