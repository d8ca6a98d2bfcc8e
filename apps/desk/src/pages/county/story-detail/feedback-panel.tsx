import { Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { levelTexts } from '../../../locales/zh-CN';
import { adoptionFeedbackTexts, storyPageTexts } from '../../../locales/zh-CN/county';
import type { StoryFeedback } from '../../../services/county-types';

const T = storyPageTexts.feedback;
const NO_POINTS = adoptionFeedbackTexts.noPoints;

/** 采用反馈 of one story: who used it (选用 above, 转载 by a sibling), on which channel, when, for how many points. */
export function FeedbackPanel({ feedback }: { feedback: StoryFeedback[] }) {
  const weighed = feedback.filter((f) => f.points != null);
  const total = weighed.reduce((sum, f) => sum + (f.points ?? 0), 0);
  return (
    <>
      <Typography.Paragraph data-testid="feedback-count">
        {feedback.length ? T.count(feedback.length) + (weighed.length ? T.pointsTotal(total) : '') : T.empty}
      </Typography.Paragraph>
      <Table<StoryFeedback>
        data-testid="feedback-table"
        rowKey={(f) => `${f.adopter.code}-${f.channel}-${f.adoptedAt}`}
        size="small"
        pagination={false}
        dataSource={feedback}
        locale={{ emptyText: T.empty }}
        columns={[
          { title: T.kind, dataIndex: 'kindLabel', width: 80, render: (l: string) => <Tag color="green">{l}</Tag> },
          {
            title: T.adopter,
            key: 'adopter',
            render: (_: unknown, f) =>
              f.adopter.level in levelTexts ? `${f.adopter.name}（${levelTexts[f.adopter.level as keyof typeof levelTexts]}）` : f.adopter.name,
          },
          { title: T.channel, dataIndex: 'channel' },
          { title: T.adoptedBy, dataIndex: 'adoptedBy' },
          { title: T.version, dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: T.points, dataIndex: 'points', width: 70, render: (p: number | null | undefined) => p ?? NO_POINTS },
          { title: T.at, dataIndex: 'adoptedAt', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm') },
          { title: T.note, dataIndex: 'note', render: (n: string | null) => n ?? '' },
        ]}
      />
    </>
  );
}
