import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterCredentials } from './center-credentials';
import { CenterKeyring } from './auth/center-keyring';
import { StoryPoolClient } from './story-pool.client';

/**
 * StoryPool clients per calling center, sharing this process's keyring: a county browsing its
 * city's pool and a province opening a story both call through here, and every channel closes at shutdown.
 */
@Injectable()
export class StoryPoolClients implements OnApplicationShutdown {
  private readonly clients = new Map<string, StoryPoolClient>();
  private keyring?: CenterKeyring;

  constructor(private readonly env: AppEnv) {}

  /** A client that signs its calls as `center` (which this process must host). */
  as(center: string): StoryPoolClient {
    let c = this.clients.get(center);
    if (!c) {
      this.keyring ??= CenterKeyring.fromEnv(this.env);
      c = new StoryPoolClient(center, new CenterCredentials(this.keyring));
      this.clients.set(center, c);
    }
    return c;
  }

  onApplicationShutdown() {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
