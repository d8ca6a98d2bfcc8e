import type { AppEnv } from '@syn/config';
import type { Decoded } from './event-decoder';
import type { EventApplier } from './event-applier';
import { SharedApplyQueue } from './shared-apply.queue';

/** Small test: the queue over a recording applier (no database). */
describe('SharedApplyQueue', () => {
  const event = (id: string) => ({ event: { envelope: { id } } }) as unknown as Decoded;
  const batch = (...ids: string[]) => ids.map(event);

  function setup(failWhen: (ids: string[]) => boolean = () => false) {
    const transactions: string[][] = [];
    let release: () => void = () => undefined;
    let hold = true;
    const applier = {
      applyMany: async (parts: Array<{ consumer: string; batch: Decoded[] }>) => {
        const ids = parts.flatMap((p) => p.batch.map((d) => `${p.consumer}:${d.event.envelope.id}`));
        transactions.push(ids);
        // The first transaction waits until the test lets it commit, so that others gather behind it.
        if (hold) {
          hold = false;
          await new Promise<void>((r) => (release = r));
        }
        if (failWhen(ids)) throw new Error('a handler failed');
        return ids.length;
      },
    } as unknown as EventApplier;
    const queue = new SharedApplyQueue(applier, { CONSUMER_BATCH_SIZE: 4 } as AppEnv);
    return { queue, transactions, release: () => release() };
  }

  it('applies what the consumers bring while a transaction runs together in the next one, up to a batch of events', async () => {
    const { queue, transactions, release } = setup();
    const first = queue.apply('a', batch('1'));
    const rest = [queue.apply('b', batch('2', '3')), queue.apply('c', batch('4')), queue.apply('d', batch('5', '6'))];
    release();
    await Promise.all([first, ...rest]);
    // b starts the second transaction at once; c and d gather behind it, up to 4 events.
    expect(transactions).toEqual([['a:1'], ['b:2', 'b:3'], ['c:4', 'd:5', 'd:6']]);
  });

  it('fails every batch of a failed transaction and no other, so each consumer can retry its own', async () => {
    const { queue, transactions, release } = setup((ids) => ids.includes('c:4'));
    const first = queue.apply('a', batch('1'));
    const second = queue.apply('b', batch('2'));
    const failed = [queue.apply('c', batch('4')), queue.apply('e', batch('5'))];
    release();
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    await expect(failed[0]).rejects.toThrow('a handler failed');
    await expect(failed[1]).rejects.toThrow('a handler failed');
    await expect(queue.apply('d', batch('7'))).resolves.toBeUndefined();
    expect(transactions).toEqual([['a:1'], ['b:2'], ['c:4', 'e:5'], ['d:7']]);
  });
});
