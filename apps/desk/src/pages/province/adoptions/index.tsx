import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { useMe } from '../../../hooks/use-session';
import { commonTexts, takedownTexts } from '../../../locales/zh-CN';
import { adoptionsTexts, provinceTexts } from '../../../locales/zh-CN/province';
import { listAdoptions, type Adoption } from '../../../services/province';
import { TakedownCell } from '../../../components/takedown-cell';
import { StoryDrawer } from '../components/story-drawer';

const PAGE_SIZE = 20;

/** 选用记录: what this desk adopted, one row per channel, newest first. */
export default function AdoptionsPage() {
  const me = useMe();
  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listAdoptions(me.center, { cursor, limit: PAGE_SIZE }, signal), [me.center]),
  );
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <Card
      title={adoptionsTexts.title}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
          {commonTexts.refresh}
        </Button>
      }
    >
      <div data-testid="adoptions-table">
        <Table<Adoption>
          rowKey="adoptionId"
          loading={pages.loading}
          dataSource={pages.items}
          pagination={false}
          locale={{ emptyText: commonTexts.empty }}
          columns={[
            { title: adoptionsTexts.story, dataIndex: 'storyTitle', render: (t: string, a) => <a onClick={() => setOpened(a.storyId)}>{t}</a> },
            { title: adoptionsTexts.channel, dataIndex: 'channel', width: 120, render: (c: string) => <Tag color="green">{c}</Tag> },
            { title: provinceTexts.origin, key: 'origin', width: 120, render: (_: unknown, a) => a.origin.name },
            { title: adoptionsTexts.hub, key: 'hub', width: 120, render: (_: unknown, a) => a.hub.name },
            { title: adoptionsTexts.adoptedBy, dataIndex: 'adoptedBy', width: 140 },
            { title: adoptionsTexts.adoptedAt, dataIndex: 'adoptedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
            {
              title: takedownTexts.column,
              key: 'takedown',
              width: 220,
              render: (_: unknown, a) => <TakedownCell storyId={a.storyId} takedown={a.takedown} onDone={pages.reload} />,
            },
          ]}
        />
      </div>
      <CursorPager pages={pages} />
      <StoryDrawer storyId={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
