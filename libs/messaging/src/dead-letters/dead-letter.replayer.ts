import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { CenterDirectory } from '@syn/network';
import { DeadLetterRepository } from './dead-letter.repository';
import { decodeMessage } from '../consumer/event-decoder';
import { EventApplier } from '../consumer/event-applier';
import { EventHandlerRegistry } from '../consumer/event-handler.registry';

/**
 * Replays a parked message through the same decode-and-apply path as the live consumer, after
 * whatever made it fail was fixed. The inbox still guards against applying it twice.
 */
@Injectable()
export class DeadLetterReplayer {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly registry: EventHandlerRegistry,
    private readonly applier: EventApplier,
    private readonly directory: CenterDirectory,
  ) {}

  async replay(id: string): Promise<{ id: string; applied: boolean }> {
    const letter = await this.deadLetters.get(id);
    if (!letter) throw new NotFoundException(`dead letter ${id} not found`);
    const [center, ...rest] = letter.consumer.split('-');
    const direction = rest.join('-') === 'from-children' ? 'up' : 'down';
    try {
      const decoded = await decodeMessage(
        this.registry,
        { direction, recipient: center, senders: this.directory.sendersTo(center, direction) },
        letter.subject,
        Buffer.from(letter.payload, 'utf8'),
      );
      const applied = await this.applier.applyAll(letter.consumer, decoded, (m) => this.deadLetters.markReplayed(m, id));
      return { id, applied: applied > 0 };
    } catch (e) {
      await this.deadLetters.markReplayFailed(id, (e as Error).message);
      throw new UnprocessableEntityException(`dead letter ${id} still fails: ${(e as Error).message}`);
    }
  }
}
