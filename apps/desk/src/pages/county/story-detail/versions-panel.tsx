import { Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useShowError } from '../../../hooks/use-api-error';
import { useMe } from '../../../hooks/use-session';
import { storyTexts } from '../../../locales/zh-CN';
import { storyPageTexts } from '../../../locales/zh-CN/county';
import { getVersion, listVersions } from '../../../services/county';
import type { StoryVersionDetail, StoryVersionSummary } from '../../../services/county-types';
import { VersionDiff } from './version-diff';

const T = storyPageTexts.versions;

/** Every version with who made it; any two side by side (the latest two to start with). */
export function VersionsPanel({ storyId, currentVersion }: { storyId: string; currentVersion: number }) {
  const me = useMe();
  const showError = useShowError();
  const [versions, setVersions] = useState<StoryVersionSummary[]>([]);
  const [pick, setPick] = useState<[number, number] | null>(null);
  const [pair, setPair] = useState<[StoryVersionDetail, StoryVersionDetail] | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    listVersions(me.center, storyId, ctrl.signal)
      .then((r) => {
        setVersions(r.items);
        const [newest, previous] = r.items;
        if (newest) setPick([previous?.version ?? newest.version, newest.version]);
      })
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, storyId, currentVersion, showError]);

  useEffect(() => {
    if (!pick) return;
    const ctrl = new AbortController();
    Promise.all([getVersion(me.center, storyId, pick[0], ctrl.signal), getVersion(me.center, storyId, pick[1], ctrl.signal)])
      .then(([a, b]) => setPair(a.version <= b.version ? [a, b] : [b, a]))
      .catch(showError);
    return () => ctrl.abort();
  }, [me.center, storyId, pick, showError]);

  const options = versions.map((v) => ({ value: v.version, label: `v${v.version} · ${T.kinds[v.kind] ?? v.kind} · ${dayjs(v.at).format('MM-DD HH:mm')}` }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Table<StoryVersionSummary>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={versions}
        columns={[
          { title: storyPageTexts.version, dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: T.kind, dataIndex: 'kind', width: 80, render: (k: string) => T.kinds[k] ?? k },
          { title: T.by, key: 'by', width: 140, render: (_: unknown, v) => v.by.name ?? '—' },
          { title: T.at, dataIndex: 'at', width: 160, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          { title: storyTexts.title, dataIndex: 'title' },
          { title: T.note, dataIndex: 'note', render: (n: string | null) => n ?? '' },
        ]}
      />
      {versions.length > 1 && pick && (
        <Space>
          <Typography.Text>{T.pick}</Typography.Text>
          <Select aria-label={T.left} style={{ width: 240 }} options={options} value={pick[0]} onChange={(v) => setPick([v, pick[1]])} />
          <Select aria-label={T.right} style={{ width: 240 }} options={options} value={pick[1]} onChange={(v) => setPick([pick[0], v])} />
        </Space>
      )}
      {versions.length > 1 && pair && <VersionDiff older={pair[0]} newer={pair[1]} />}
    </Space>
  );
}
