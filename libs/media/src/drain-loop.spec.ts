import { DrainLoop } from './drain-loop';

describe('DrainLoop', () => {
  it('runs one pass at a time and one more pass for kicks that came during it', async () => {
    let passes = 0;
    let release!: () => void;
    const loop = new DrainLoop(
      () =>
        new Promise<void>((r) => {
          passes++;
          release = r;
        }),
      () => undefined,
    );
    loop.kick();
    loop.kick();
    loop.kick();
    expect(passes).toBe(1);
    release();
    await new Promise((r) => setImmediate(r));
    expect(passes).toBe(2);
    release();
    await loop.stop();
    expect(passes).toBe(2);
  });

  it('reports a failed pass and starts none after stop', async () => {
    const errors: string[] = [];
    let passes = 0;
    const loop = new DrainLoop(
      () => {
        passes++;
        return Promise.reject(new Error('database away'));
      },
      (e) => errors.push(e.message),
    );
    loop.kick();
    await loop.stop();
    loop.kick();
    expect(errors).toEqual(['database away']);
    expect(passes).toBe(1);
    expect(loop.stopped).toBe(true);
  });

  it('passes at start, on each wake-up and on the poll, and stops listening on stop', async () => {
    jest.useFakeTimers();
    try {
      let passes = 0;
      let wake: (() => void) | undefined;
      const loop = new DrainLoop(
        () => {
          passes++;
          return Promise.resolve();
        },
        () => undefined,
      );
      loop.start(1000, (w) => {
        wake = w;
        return () => (wake = undefined);
      });
      expect(passes).toBe(1);
      await Promise.resolve();
      await Promise.resolve();
      wake!();
      expect(passes).toBe(2);
      await Promise.resolve();
      await Promise.resolve();
      jest.advanceTimersByTime(1000);
      expect(passes).toBe(3);
      await loop.stop();
      expect(wake).toBeUndefined();
      jest.advanceTimersByTime(5000);
      expect(passes).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
