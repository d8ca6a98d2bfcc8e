import type { Browser } from 'playwright-core';
import { DESK_USERS, type DeskNetwork, type DeskPage, type DeskUser, openDesk, signIn, startDeskWithBrowser } from '../support';

export type DeskUserKey = keyof typeof DESK_USERS;

/** The facts one level's steps leave for the next (ids are filled in as the day goes on). */
export interface DayFacts {
  /**
   * The story the 章贡区 reporter writes. Each day runs in a network of its own, so the title needs no
   * stamp to be unique; a varying one would move the story's SimHash, and 南康区's copy (set up by the
   * city's step) would fall outside the near-duplicate distance in a few runs out of a hundred.
   */
  title: string;
  storyId?: string;
  /** The near-duplicate of the same event filed by 南康区 (set up by the city's step). */
  nearDuplicateId?: string;
  /** The channel the province adopts the story for. */
  adoptedChannel?: string;
}

/**
 * One working day of the network as its users live it, in one real network and one Chromium:
 * each user keeps their own signed-in tab for the whole day, so live updates are seen as they happen.
 */
export class WorkingDay {
  readonly facts: DayFacts = { title: '章贡区：大稿库让县级好稿走得更远' };
  private readonly tabs = new Map<DeskUserKey, DeskPage>();

  private constructor(
    readonly desk: DeskNetwork,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<WorkingDay> {
    const { desk, browser } = await startDeskWithBrowser();
    return new WorkingDay(desk, browser);
  }

  /** The desk URL of the app that hosts `center`. */
  url(center: string): string {
    return this.desk.net.app(center).http;
  }

  user(key: DeskUserKey): DeskUser {
    return DESK_USERS[key];
  }

  /** The user's own tab, signed in through the form the first time it is asked for. */
  async tab(key: DeskUserKey): Promise<DeskPage> {
    const open = this.tabs.get(key);
    if (open) return open;
    const user = DESK_USERS[key];
    const d = await openDesk(this.browser, this.url(user.center), '/desk/login');
    await signIn(d.page, user);
    this.tabs.set(key, d);
    return d;
  }

  /** Every problem (console error, CSP violation, failed request) any tab met during the day. */
  problems(): string[] {
    return [...this.tabs.entries()].flatMap(([key, d]) => d.problems.unexpected().map((p) => `${key}: ${JSON.stringify(p)}`));
  }

  async stop(): Promise<void> {
    for (const d of this.tabs.values()) await d.close().catch(() => undefined);
    await this.browser?.close();
    await this.desk?.stop();
  }
}
