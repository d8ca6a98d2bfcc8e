import type { Provider } from '@nestjs/common';
import { ChineseSegmenter } from '@syn/chinese-text';

/**
 * One jieba dictionary per process (~150 ms and ~50 MB to load): every module that segments
 * gets the same instance, whichever module provides it.
 */
export const chineseSegmenterProvider: Provider = { provide: ChineseSegmenter, useFactory: () => ChineseSegmenter.shared() };
