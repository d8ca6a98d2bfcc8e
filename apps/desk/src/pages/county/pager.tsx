import { Button, Space } from 'antd';
import { storyTexts } from '../../locales/zh-CN';
import type { CursorPages } from './use-cursor-pages';

/** 上一页 / 下一页 under a cursor-paged table. */
export function Pager({ pages }: { pages: CursorPages<unknown> }) {
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
      <Button disabled={!pages.hasPrev} onClick={pages.prev}>
        {storyTexts.prevPage}
      </Button>
      <Button disabled={!pages.hasNext} onClick={pages.next}>
        {storyTexts.nextPage}
      </Button>
    </Space>
  );
}
