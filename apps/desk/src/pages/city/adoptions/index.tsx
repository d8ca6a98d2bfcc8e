import { CursorPager } from '../../../components/cursor-pager';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useShowError } from '../../../hooks/use-api-error';
import { useMe } from '../../../hooks/use-session';
import { adoptionTexts, commonTexts } from '../../../locales/zh-CN';
import { listAdoptions, type Adoption } from '../../../services/distribution';

/** 选用记录: what this center adopted from its pool, for which channel. Adopting starts on a pooled story's page. */
export default function AdoptionsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const showError = useShowError();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [items, setItems] = useState<Adoption[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    listAdoptions(me.center, { cursor: cursors[pageIndex], limit: 20 }, ctrl.signal)
      .then((p) => {
        setItems(p.items);
        setNextCursor(p.nextCursor);
      })
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [me.center, cursors, pageIndex, tick, showError]);

  return (
    <Card
      title={adoptionTexts.title}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
          {commonTexts.refresh}
        </Button>
      }
    >
      <Table<Adoption>
        data-testid="adoptions-table"
        rowKey="adoptionId"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        columns={[
          { title: adoptionTexts.story, dataIndex: 'storyTitle', render: (t: string, a) => <a onClick={() => navigate(`/pool/${a.storyId}`)}>{t}</a> },
          { title: adoptionTexts.origin, key: 'origin', width: 120, render: (_: unknown, a) => a.origin.name },
          { title: adoptionTexts.channel, dataIndex: 'channel', width: 160, render: (c: string) => <Tag color="blue">{c}</Tag> },
          { title: adoptionTexts.adoptedBy, dataIndex: 'adoptedBy', width: 160 },
          { title: adoptionTexts.adoptedAt, dataIndex: 'adoptedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <CursorPager
        hasPrev={pageIndex > 0}
        hasNext={!!nextCursor}
        onPrev={() => setPageIndex((i) => i - 1)}
        onNext={() => {
          setCursors((c) => [...c.slice(0, pageIndex + 1), nextCursor ?? undefined]);
          setPageIndex((i) => i + 1);
        }}
      />
    </Card>
  );
}
