import { Injectable } from '@nestjs/common';
import type { Direction } from '@syn/contracts';
import type { EventHandler } from './event-handler';

/** Feature modules register the event types they apply; consumers dispatch through it. */
@Injectable()
export class EventHandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>();

  register(handler: EventHandler): void {
    const key = `${handler.direction}:${handler.type}`;
    if (this.handlers.has(key)) throw new Error(`two handlers for ${key}`);
    this.handlers.set(key, handler);
  }

  find(direction: Direction, type: string): EventHandler | undefined {
    return this.handlers.get(`${direction}:${type}`);
  }

  directions(): Direction[] {
    return [...new Set([...this.handlers.values()].map((h) => h.direction))];
  }
}
