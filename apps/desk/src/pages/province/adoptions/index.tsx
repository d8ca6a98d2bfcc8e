import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { adoptionsTexts, provinceTexts } from '../../../locales/zh-CN/province';
import { listAdoptions, type Adoption } from '../../../services/province';
import { Pager } from '../components/pager';
import { StoryDrawer } from '../components/story-drawer';
import { useKeysetPages } from '../components/use-keyset-pages';

const PAGE_SIZE = 20;

/** 选用记录: what this desk adopted, one row per channel, newest first. */
export default function AdoptionsPage() {
  const me = useMe();
  const showError = useShowError();
  const pages = useKeysetPages();
  const [items, setItems] = useState<Adoption[]>([]);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  const { cursor, setNextCursor } = pages;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listAdoptions(me.center, { cursor, limit: PAGE_SIZE }, ctrl.signal)
      .then((p) => {
        setItems(p.items);
        setNextCursor(p.nextCursor);
      })
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [me.center, cursor, tick, setNextCursor, showError]);

  return (
    <Card
      title={adoptionsTexts.title}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
          {commonTexts.refresh}
        </Button>
      }
    >
      <div data-testid="adoptions-table">
        <Table<Adoption>
          rowKey="adoptionId"
          loading={loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: commonTexts.empty }}
          columns={[
            { title: adoptionsTexts.story, dataIndex: 'storyTitle', render: (t: string, a) => <a onClick={() => setOpened(a.storyId)}>{t}</a> },
            { title: adoptionsTexts.channel, dataIndex: 'channel', width: 120, render: (c: string) => <Tag color="green">{c}</Tag> },
            { title: provinceTexts.origin, key: 'origin', width: 120, render: (_: unknown, a) => a.origin.name },
            { title: adoptionsTexts.hub, key: 'hub', width: 120, render: (_: unknown, a) => a.hub.name },
            { title: adoptionsTexts.adoptedBy, dataIndex: 'adoptedBy', width: 140 },
            { title: adoptionsTexts.adoptedAt, dataIndex: 'adoptedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </div>
      <Pager index={pages.index} hasNext={pages.hasNext} prev={pages.prev} next={pages.next} />
      <StoryDrawer storyId={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
