import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Direction, TreeEvents, TreeEventType } from '@syn/contracts';
import { CenterDirectory, HostedCenters } from '@syn/network';
import type { EventHandler } from './event-handler';
import { treeEventBindingOf, TreeEventBinding } from './on-tree-event.decorator';

/**
 * The handlers of this app, by direction and event type: every provider declared with
 * @OnTreeEvent, found at start-up (before the consumers start, at application bootstrap).
 * Consumers and the dead-letter replayer dispatch through it.
 */
@Injectable()
export class EventHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, EventHandler>();

  constructor(
    @Optional() private readonly discovery?: DiscoveryService,
    @Optional() private readonly hosted?: HostedCenters,
    @Optional() private readonly directory?: CenterDirectory,
  ) {}

  onModuleInit() {
    for (const wrapper of this.discovery?.getProviders() ?? []) {
      const binding = wrapper.metatype && !wrapper.isAlias ? treeEventBindingOf(wrapper.metatype) : undefined;
      // @OnTreeEvent only compiles on a class whose handler takes its type's payload.
      if (binding && wrapper.instance) this.add(binding, wrapper.instance as EventHandler);
    }
  }

  /** Registers by hand (unit tests, or a handler made at run time); two handlers for one type and direction is a wiring error. */
  register<T extends TreeEventType>(binding: TreeEventBinding & { type: T }, handler: EventHandler<TreeEvents[T]>): void {
    // Stored untyped: the decoder validates each payload against its type's class before dispatch.
    this.add(binding, handler as EventHandler);
  }

  private add(binding: TreeEventBinding, handler: EventHandler): void {
    for (const direction of binding.direction === 'both' ? this.arriving() : [binding.direction]) {
      const key = `${direction}:${binding.type}`;
      if (this.handlers.has(key)) throw new Error(`two handlers for ${key}`);
      this.handlers.set(key, handler);
    }
  }

  find(direction: Direction, type: string): EventHandler | undefined {
    return this.handlers.get(`${direction}:${type}`);
  }

  directions(): Direction[] {
    return [...new Set([...this.handlers.keys()].map((k) => k.split(':')[0] as Direction))];
  }

  /** The directions anything can arrive in at the hosted centers: from children if one has any, from a parent if one has one. */
  private arriving(): Direction[] {
    const { hosted, directory } = this;
    if (!hosted || !directory) return ['up', 'down'];
    const out: Direction[] = [];
    if (hosted.list().some((c) => directory.childrenOf(c).length > 0)) out.push('up');
    if (hosted.list().some((c) => directory.get(c).parent !== null)) out.push('down');
    return out;
  }
}
