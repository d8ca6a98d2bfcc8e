import { CheckCircleOutlined, EyeOutlined, LikeOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useAccess } from '../../../hooks/use-session';
import { commonTexts } from '../../../locales/zh-CN';
import { provinceTexts } from '../../../locales/zh-CN/province';
import type { IndexEntry } from '../../../services/province';
import { Highlighted } from './highlighted';

/** A page of the provincial index or of a search: highlights when the search gave them, 推荐 marked. */
export function IndexTable({
  items,
  loading,
  onOpen,
  onAdopt,
}: {
  items: IndexEntry[];
  loading: boolean;
  onOpen(e: IndexEntry): void;
  onAdopt(e: IndexEntry): void;
}) {
  const access = useAccess();
  return (
    <div data-testid="index-table">
      <Table<IndexEntry>
        rowKey="storyId"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: commonTexts.empty }}
        rowClassName={(e) => (e.recommended ? 'row-recommended' : '')}
        columns={[
          {
            title: provinceTexts.title,
            key: 'title',
            render: (_: unknown, e) => (
              <div>
                <Space size={4}>
                  {e.recommended && (
                    <Tooltip title={e.recommendation?.note ?? undefined}>
                      <Tag color="volcano" icon={<LikeOutlined />}>
                        {e.recommendation?.label ?? provinceTexts.recommended}
                      </Tag>
                    </Tooltip>
                  )}
                  <Typography.Link strong onClick={() => onOpen(e)}>
                    {e.titleHtml ? <Highlighted html={e.titleHtml} /> : e.title}
                  </Typography.Link>
                </Space>
                {e.snippetHtml ? (
                  <div className="index-snippet">
                    <Highlighted html={e.snippetHtml} />
                  </div>
                ) : (
                  e.summary && <div className="index-snippet">{e.summary}</div>
                )}
              </div>
            ),
          },
          { title: provinceTexts.city, key: 'city', width: 120, render: (_: unknown, e) => e.city.name },
          { title: provinceTexts.origin, key: 'origin', width: 120, render: (_: unknown, e) => e.origin.name },
          { title: provinceTexts.category, dataIndex: 'category', width: 90 },
          { title: provinceTexts.pooledAt, dataIndex: 'pooledAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: commonTexts.actions,
            key: 'actions',
            width: 170,
            render: (_: unknown, e) => (
              <Space>
                <Button size="small" icon={<EyeOutlined />} onClick={() => onOpen(e)}>
                  {provinceTexts.open}
                </Button>
                {access.can('adoption.adopt') && (
                  <Button size="small" type="primary" icon={<CheckCircleOutlined />} onClick={() => onAdopt(e)}>
                    {provinceTexts.adopt}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
