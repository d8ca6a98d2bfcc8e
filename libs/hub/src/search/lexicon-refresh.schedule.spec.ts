import { Logger } from '@nestjs/common';
import { LexiconRefreshSchedule } from './lexicon-refresh.schedule';

describe('LexiconRefreshSchedule', () => {
  const logger = { log: jest.fn(), error: jest.fn() } as unknown as Logger;

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('adds new stories after enough inserts and recounts everything on the interval', async () => {
    const refresh = jest.fn().mockResolvedValue(10);
    const s = new LexiconRefreshSchedule('pool_search', refresh, 60_000, 3, logger);
    s.start();
    s.noteInserted();
    s.noteInserted();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh).toHaveBeenCalledTimes(0);
    s.noteInserted();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh.mock.calls).toEqual([['count-new']]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refresh.mock.calls).toEqual([['count-new'], ['recount']]);
    await s.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('waits for a tenth of the set before the next count, so larger sets count in larger batches', async () => {
    const refresh = jest.fn().mockResolvedValue(50_000);
    const s = new LexiconRefreshSchedule('pool_search', refresh, 3_600_000, 500, logger);
    s.start();
    for (let i = 0; i < 500; i++) s.noteInserted();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh.mock.calls).toEqual([['count-new']]);
    for (let i = 0; i < 4_999; i++) s.noteInserted();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    s.noteInserted();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh.mock.calls).toEqual([['count-new'], ['count-new']]);
    await s.stop();
  });

  it('runs one refresh at a time and survives a failing one', async () => {
    let finish!: (v: number) => void;
    const refresh = jest.fn().mockImplementationOnce(() => new Promise<number>((r) => (finish = r))).mockRejectedValueOnce(new Error('db down'));
    const s = new LexiconRefreshSchedule('pool_search', refresh, 60_000, 1, logger);
    const first = s.run('recount', 'test');
    const second = s.run('count-new', 'test');
    expect(refresh).toHaveBeenCalledTimes(1);
    finish(10);
    await Promise.all([first, second]);
    await s.run('count-new', 'test');
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ msg: 'search lexicon refresh failed', kind: 'count-new', error: 'db down' }));
  });
});
