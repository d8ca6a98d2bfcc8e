import { eventually, TestNetwork } from '@syn/testing';
import { submitThroughReview } from './county-review';
import { as, storyInput } from './http';

/** A county writes a story and walks it through its review (三审) and upstream; returns its id. */
export async function submitStory(net: TestNetwork, county: string, over: Record<string, unknown> = {}): Promise<string> {
  const editor = as(net.app(county).http, net.token(county, 'editor', `editor-${county}`, '县编辑'));
  const { body } = await editor.post(`/api/v1/centers/${county}/stories`, storyInput(over)).expect(201);
  await submitThroughReview(net, county, body.id);
  return body.id as string;
}

/** The hub decides on a submitted story once it shows in its review queue. */
export async function decide(net: TestNetwork, hub: string, storyId: string, decision: 'accept' | 'reject', reason?: string): Promise<void> {
  const curator = as(net.app(hub).http, net.token(hub, 'curator', `curator-${hub}`, '王审'));
  await eventually(async () =>
    (await curator.get(`/api/v1/centers/${hub}/review-queue?limit=200`)).body.items?.some((i: { storyId: string }) => i.storyId === storyId),
  );
  await curator.post(`/api/v1/centers/${hub}/review-queue/${storyId}/decision`, reason ? { decision, reason } : { decision }).expect(200);
}

/** Written, submitted and accepted into the hub's pool; returns the story id. */
export async function poolStory(net: TestNetwork, county: string, hub: string, over: Record<string, unknown> = {}): Promise<string> {
  const id = await submitStory(net, county, over);
  await decide(net, hub, id, 'accept');
  return id;
}

/** Waits until the province's index holds the story. */
export async function indexed(net: TestNetwork, province: string, storyId: string) {
  const desk = as(net.app(province).http, net.token(province, 'desk-editor'));
  return eventually(async () =>
    (await desk.get(`/api/v1/centers/${province}/index?limit=200`)).body.items?.find((i: { storyId: string }) => i.storyId === storyId),
  );
}
