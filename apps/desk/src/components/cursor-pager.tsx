import { Button, Space } from 'antd';
import type { CursorPages } from '../hooks/use-cursor-pages';
import { commonTexts } from '../locales/zh-CN';

/** 上一页 / 下一页 under a server-paged list: keyset cursors have no page numbers and no totals. */
export function CursorPager({ pages }: { pages: Pick<CursorPages<unknown>, 'hasPrev' | 'hasNext' | 'prev' | 'next'> }) {
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
      <Button disabled={!pages.hasPrev} onClick={pages.prev}>
        {commonTexts.prevPage}
      </Button>
      <Button disabled={!pages.hasNext} onClick={pages.next}>
        {commonTexts.nextPage}
      </Button>
    </Space>
  );
}
