import { Injectable } from '@nestjs/common';
import { CenterDirectory } from '@syn/network';
import type { JournaledEvent } from './live-feed-event';

const NAMED: Array<[code: string, as: string]> = [
  ['hubCode', 'city'],
  ['originCode', 'origin'],
  ['adopterCode', 'adopter'],
];
/** Times the triggers write as PostgreSQL prints them; sent in the API's own form (…T08:00:00.000Z). */
const TIMES = ['at', 'decidedAt', 'expiresAt', 'embargoUntil', 'embargoedUntil', 'submittedAt'];
/** What a story under embargo must not show to a desk that may not see it yet. */
const EMBARGOED_TEXT = ['title', 'summary', 'byline'];

/**
 * Turns a journal row into what the desk reads: times in the API's form, center codes with their names, and the text of
 * a story under embargo left out until the embargo passes (decided when the event is sent, so a
 * replay after the embargo shows it).
 */
@Injectable()
export class LiveFeedPresenter {
  constructor(private readonly directory: CenterDirectory) {}

  present(e: JournaledEvent, now = new Date()): Record<string, unknown> {
    const data: Record<string, unknown> = { ...e.data };
    for (const k of TIMES) {
      const t = data[k];
      if (typeof t === 'string' && !Number.isNaN(Date.parse(t))) data[k] = new Date(t).toISOString();
    }
    for (const [code, as] of NAMED) {
      const c = data[code];
      if (typeof c === 'string') data[as] = { code: c, name: this.directory.has(c) ? this.directory.get(c).name : c };
    }
    const until = data.embargoedUntil;
    delete data.embargoedUntil;
    if (typeof until === 'string' && Date.parse(until) > now.getTime()) {
      for (const k of EMBARGOED_TEXT) delete data[k];
      data.embargoedUntil = until;
    }
    return data;
  }
}
