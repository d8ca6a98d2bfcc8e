import { Button, Space } from 'antd';
import { commonTexts } from '../locales/zh-CN';

/** 上一页 / 下一页 under a server-paged list: keyset cursors have no page numbers and no totals. */
export function CursorPager({ hasPrev, hasNext, onPrev, onNext }: { hasPrev: boolean; hasNext: boolean; onPrev: () => void; onNext: () => void }) {
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
      <Button disabled={!hasPrev} onClick={onPrev}>
        {commonTexts.prevPage}
      </Button>
      <Button disabled={!hasNext} onClick={onNext}>
        {commonTexts.nextPage}
      </Button>
    </Space>
  );
}
