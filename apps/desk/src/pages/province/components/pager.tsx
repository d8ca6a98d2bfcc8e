import { Button, Space } from 'antd';
import { provinceTexts } from '../../../locales/zh-CN/province';

/** 上一页 / 下一页 for a keyset-paged list. */
export function Pager({ index, hasNext, prev, next }: { index: number; hasNext: boolean; prev(): void; next(): void }) {
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
      <Button disabled={index === 0} onClick={prev}>
        {provinceTexts.prevPage}
      </Button>
      <Button disabled={!hasNext} onClick={next}>
        {provinceTexts.nextPage}
      </Button>
    </Space>
  );
}
