import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { CursorPager } from '../../../components/cursor-pager';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { useMe } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { provinceMenuTexts, provinceTexts } from '../../../locales/zh-CN/province';
import { listIndex, searchIndex, type IndexEntry, type IndexFilters } from '../../../services/province';
import { AdoptModal } from '../components/adopt-modal';
import { IndexTable } from '../components/index-table';
import { StoryDrawer } from '../components/story-drawer';
import { useProvinceCenters } from '../components/use-province-centers';
import '../components/province.css';

const PAGE_SIZE = 20;

/** 全省稿库: every pool of the province, newest first; with words, a ranked and highlighted search. */
export default function IndexSearchPage({ recommendedOnly = false }: { recommendedOnly?: boolean }) {
  const me = useMe();
  const { cities, counties } = useProvinceCenters();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<IndexFilters>(recommendedOnly ? { recommended: 'true' } : {});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [words, setWords] = useState<string[] | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [adopting, setAdopting] = useState<IndexEntry | null>(null);

  // Filters and words are the list's identity: changing them starts paging again from the newest.
  const pages = useCursorPages(
    useCallback(
      async (cursor: string | undefined, signal: AbortSignal) => {
        const query = {
          ...filters,
          from: range?.[0]?.startOf('day').toISOString(),
          to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
          cursor,
          limit: PAGE_SIZE,
        };
        const p = q ? await searchIndex(me.center, { ...query, q }, signal) : await listIndex(me.center, query, signal);
        setWords('words' in p ? (p.words as string[]) : null);
        return p;
      },
      [me.center, q, filters, range],
    ),
  );

  const filter = (patch: Partial<IndexFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
  };

  return (
    <Card
      title={recommendedOnly ? provinceMenuTexts.recommendations : provinceMenuTexts.index}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => pages.reload()}>
          {commonTexts.refresh}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {!recommendedOnly && (
          <Input.Search
            allowClear
            enterButton={provinceTexts.search}
            placeholder={provinceTexts.searchPlaceholder}
            aria-label={provinceTexts.searchPlaceholder}
            onSearch={(v) => {
              setQ(v.trim());
            }}
          />
        )}
        <Space wrap>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={provinceTexts.allCities}
            aria-label={provinceTexts.city}
            options={cities.map((c) => ({ value: c.code, label: c.name }))}
            onChange={(v?: string) => filter({ city: v })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            placeholder={provinceTexts.allCounties}
            aria-label={provinceTexts.origin}
            options={counties.map((c) => ({ value: c.code, label: c.name }))}
            onChange={(v?: string) => filter({ county: v })}
          />
          <Input
            allowClear
            style={{ width: 140 }}
            placeholder={provinceTexts.categoryPlaceholder}
            aria-label={provinceTexts.category}
            onChange={(e) => filter({ category: e.target.value.trim() || undefined })}
          />
          <DatePicker.RangePicker
            placeholder={provinceTexts.dateRange}
            onChange={(v) => {
              setRange(v);
            }}
          />
          {!recommendedOnly && !q && (
            <Space>
              <Switch size="small" aria-label={provinceTexts.onlyRecommended} onChange={(on) => filter({ recommended: on ? 'true' : undefined })} />
              <Typography.Text>{provinceTexts.onlyRecommended}</Typography.Text>
            </Space>
          )}
        </Space>
        {words && <Typography.Text type="secondary">{provinceTexts.searchHint(words)}</Typography.Text>}
        <IndexTable items={pages.items} loading={pages.loading} onOpen={(e) => setOpened(e.storyId)} onAdopt={setAdopting} />
        <CursorPager pages={pages} />
      </Space>
      <StoryDrawer storyId={opened} onClose={() => setOpened(null)} />
      <AdoptModal story={adopting} onClose={() => setAdopting(null)} />
    </Card>
  );
}
