import { Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { levelTexts } from '../../../locales/zh-CN';
import { storyPageTexts } from '../../../locales/zh-CN/county';
import type { StoryFeedback } from '../../../services/county-types';

const T = storyPageTexts.feedback;

/** 采用反馈 of one story: who used it (选用 above, 转载 by a sibling), on which channel, when. */
export function FeedbackPanel({ feedback }: { feedback: StoryFeedback[] }) {
  return (
    <>
      <Typography.Paragraph data-testid="feedback-count">{feedback.length ? T.count(feedback.length) : T.empty}</Typography.Paragraph>
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
          { title: T.at, dataIndex: 'adoptedAt', width: 150, render: (d: string) => dayjs(d).format('MM-DD HH:mm') },
          { title: T.note, dataIndex: 'note', render: (n: string | null) => n ?? '' },
        ]}
      />
    </>
  );
}
