import type { TestNetwork } from '@syn/testing';
import { as } from './http';

/**
 * Walks a story through its center's review (三审) as three different people: 初审 and 复审 by
 * editors, then 终审 by the chief editor, which is the submission upstream (上报). Resolves to the
 * submit response (202). With `steps: 2`, 复审 is left out.
 */
export async function submitThroughReview(net: TestNetwork, center: string, id: string, opts: { steps?: 2 | 3 } = {}) {
  const http = net.app(center).http;
  const path = `/api/v1/centers/${center}/stories/${id}`;
  await as(http, net.token(center, 'editor', `first-${center}`, '初审编辑'))
    .post(`${path}/review/advance`, { step: 'first' })
    .expect(200);
  if ((opts.steps ?? 3) === 3) {
    await as(http, net.token(center, 'editor', `second-${center}`, '复审编辑'))
      .post(`${path}/review/advance`, { step: 'second' })
      .expect(200);
  }
  return as(http, net.token(center, 'chief-editor', `chief-${center}`, '总编辑'))
    .post(`${path}/submit`)
    .expect(202);
}
