import { Logger } from '@nestjs/common';
import { TopListRefreshSchedule } from './top-list-refresh.schedule';

describe('TopListRefreshSchedule', () => {
  const logger = { log: jest.fn(), error: jest.fn() } as unknown as Logger;

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('extends the lists after enough inserts, and rebuilds them on the interval', async () => {
    const refresh = jest.fn().mockResolvedValue(10);
    const s = new TopListRefreshSchedule('pool_search', refresh, 600_000, 3, logger, 1_000_000);
    s.start();
    s.noteInserted(2);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh).toHaveBeenCalledTimes(0);
    s.noteInserted();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(refresh.mock.calls).toEqual([['extend']]);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(refresh.mock.calls).toEqual([['extend'], ['rebuild']]);
    await s.stop();
    await jest.advanceTimersByTimeAsync(1_200_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('extends on its short interval only when stories were indexed since the last run', async () => {
    const refresh = jest.fn().mockResolvedValue(10);
    const s = new TopListRefreshSchedule('pool_search', refresh, 3_600_000, 500, logger, 30_000);
    s.start();
    await jest.advanceTimersByTimeAsync(31_000);
    expect(refresh).toHaveBeenCalledTimes(0);
    s.noteInserted(7);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(refresh.mock.calls).toEqual([['extend']]);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    await s.stop();
  });

  it('runs one refresh at a time and survives a failing one', async () => {
    let finish!: (v: number) => void;
    const refresh = jest
      .fn()
      .mockImplementationOnce(() => new Promise<number>((r) => (finish = r)))
      .mockRejectedValueOnce(new Error('db down'));
    const s = new TopListRefreshSchedule('pool_search', refresh, 60_000, 1, logger);
    const first = s.run('rebuild', 'test');
    const second = s.run('extend', 'test');
    expect(refresh).toHaveBeenCalledTimes(1);
    finish(10);
    await Promise.all([first, second]);
    await s.run('extend', 'test');
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ msg: 'search top lists refresh failed', kind: 'extend', error: 'db down' }));
  });
});
