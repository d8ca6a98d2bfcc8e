import { CursorPager } from '../../../components/cursor-pager';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { useMe } from '../../../hooks/use-session';
import { adoptionTexts, commonTexts, takedownTexts } from '../../../locales/zh-CN';
import { listAdoptions, type Adoption } from '../../../services/distribution';
import { TakedownCell } from '../../../components/takedown-cell';

/** 选用记录: what this center adopted from its pool, for which channel. Adopting starts on a pooled story's page. */
export default function AdoptionsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const pages = useCursorPages(
    useCallback((cursor: string | undefined, signal: AbortSignal) => listAdoptions(me.center, { cursor, limit: 20 }, signal), [me.center]),
  );

  return (
    <Card
      title={adoptionTexts.title}
      extra={
        <Button icon={<ReloadOutlined />} onClick={pages.reload}>
          {commonTexts.refresh}
        </Button>
      }
    >
      <Table<Adoption>
        data-testid="adoptions-table"
        rowKey="adoptionId"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          { title: adoptionTexts.story, dataIndex: 'storyTitle', render: (t: string, a) => <a onClick={() => navigate(`/pool/${a.storyId}`)}>{t}</a> },
          { title: adoptionTexts.origin, key: 'origin', width: 120, render: (_: unknown, a) => a.origin.name },
          { title: adoptionTexts.channel, dataIndex: 'channel', width: 160, render: (c: string) => <Tag color="blue">{c}</Tag> },
          { title: adoptionTexts.adoptedBy, dataIndex: 'adoptedBy', width: 160 },
          { title: adoptionTexts.adoptedAt, dataIndex: 'adoptedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: takedownTexts.column,
            key: 'takedown',
            width: 220,
            render: (_: unknown, a) => <TakedownCell storyId={a.storyId} takedown={a.takedown} onDone={pages.reload} />,
          },
        ]}
      />
      <CursorPager pages={pages} />
    </Card>
  );
}
