import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { REVIEW_DECIDED, ReviewDecided, STORY_CORRECTED, STORY_SUBMITTED, StoryCorrected, StorySubmitted } from '@syn/contracts';
import { CenterDirectory, HostedCenters } from '@syn/network';
import type { InboundEvent } from './event-handler';
import { EventHandlerRegistry } from './event-handler.registry';
import { OnTreeEvent } from './on-tree-event.decorator';

const directory = new CenterDirectory([
  { code: '360000', name: '江西省', level: 'province', parent: null },
  { code: '360700', name: '赣州市', level: 'city', parent: '360000' },
  { code: '360702', name: '章贡区', level: 'county', parent: '360700' },
]);

@Injectable()
@OnTreeEvent(STORY_SUBMITTED)
class Submitted {
  readonly seen: string[] = [];
  async handle(_m: unknown, e: InboundEvent<StorySubmitted>) {
    this.seen.push(e.payload.story.id);
  }
}

@Injectable()
@OnTreeEvent(REVIEW_DECIDED)
class Decided {
  async handle(_m: unknown, _e: InboundEvent<ReviewDecided>) {}
}

@Injectable()
@OnTreeEvent(STORY_CORRECTED)
class Corrected {
  async handle(_m: unknown, _e: InboundEvent<StoryCorrected>) {}
}

@Injectable()
class NotAHandler {
  async handle() {}
}

async function registryHosting(...centers: string[]) {
  const app = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      EventHandlerRegistry,
      { provide: CenterDirectory, useValue: directory },
      { provide: HostedCenters, useValue: new HostedCenters(centers.map((c) => directory.get(c))) },
      Submitted,
      Decided,
      Corrected,
      NotAHandler,
    ],
  }).compile();
  await app.init();
  return { app, registry: app.get(EventHandlerRegistry) };
}

describe('@OnTreeEvent handlers, found at start-up', () => {
  it('registers each declared provider for its type and the catalog direction, and nothing else', async () => {
    const { app, registry } = await registryHosting('360700');
    expect(registry.find('up', STORY_SUBMITTED)).toBe(app.get(Submitted));
    expect(registry.find('down', REVIEW_DECIDED)).toBe(app.get(Decided));
    expect(registry.find('down', STORY_SUBMITTED)).toBeUndefined();
    expect(registry.directions().sort()).toEqual(['down', 'up']);
    await app.close();
  });

  it('consumes an event that travels both ways only in the directions that can reach the hosted centers', async () => {
    const county = await registryHosting('360702');
    expect(county.registry.find('down', STORY_CORRECTED)).toBe(county.app.get(Corrected));
    expect(county.registry.find('up', STORY_CORRECTED)).toBeUndefined();
    await county.app.close();
    const province = await registryHosting('360000');
    expect(province.registry.find('up', STORY_CORRECTED)).toBe(province.app.get(Corrected));
    expect(province.registry.find('down', STORY_CORRECTED)).toBeUndefined();
    await province.app.close();
  });

  it('refuses, when the class is declared, a type outside the catalog or a direction the catalog does not allow', () => {
    expect(() => OnTreeEvent('story.unknown' as typeof STORY_SUBMITTED)).toThrow('event type story.unknown is not in the catalog');
    expect(() => OnTreeEvent(STORY_SUBMITTED, 'down')).toThrow('event type story.submitted travels up, not down');
  });

  it('refuses two handlers for one type and direction', () => {
    const registry = new EventHandlerRegistry();
    registry.register({ type: STORY_SUBMITTED, direction: 'up' }, new Submitted());
    expect(() => registry.register({ type: STORY_SUBMITTED, direction: 'up' }, new Submitted())).toThrow('two handlers for up:story.submitted');
  });
});
