import { NatsServerProcess, TestNetwork, type TestAppSpec } from '@syn/testing';
import { join } from 'node:path';

/** The demo accounts (deploy/demo/users.json): each app seeds those of the centers it hosts. */
export const DEMO_USERS_FILE = join(process.cwd(), 'deploy', 'demo', 'users.json');

export const DESK_USERS = {
  zhanggongEditor: { center: '360702', username: 'liumin', password: 'demo-zhanggong-editor', name: '刘敏' },
  zhanggongEditor2: { center: '360702', username: 'zhaolei', password: 'demo-zhanggong-editor2', name: '赵磊' },
  zhanggongReporter: { center: '360702', username: 'chenxiao', password: 'demo-zhanggong-reporter', name: '陈晓' },
  zhanggongChief: { center: '360702', username: 'chief', password: 'demo-zhanggong-chief', name: '章贡区总编辑' },
  ganzhouCurator: { center: '360700', username: 'curator', password: 'demo-ganzhou-curator', name: '赣州稿库审核 王审' },
  jiangxiDesk: { center: '360000', username: 'desk', password: 'demo-jiangxi-desk', name: '省平台编辑 李华' },
} as const;
export type DeskUser = (typeof DESK_USERS)[keyof typeof DESK_USERS];

export interface DeskNetwork {
  nats: NatsServerProcess;
  net: TestNetwork;
  stop(): Promise<void>;
}

/**
 * A real network for the desk's browser tests: a private nats-server, fresh PostgreSQL databases,
 * the apps as processes from dist/ (build first: npm run build), demo users seeded.
 * Defaults to 江西 (province), 赣州 (city) and 章贡 with 南康 (one county app); `env` reaches every app.
 */
export async function startDeskNetwork(opts: { apps?: TestAppSpec[]; env?: Record<string, string> } = {}): Promise<DeskNetwork> {
  const nats = await NatsServerProcess.start();
  try {
    const net = await TestNetwork.start({
      natsUrl: nats.url,
      env: { SEED_USERS_FILE: DEMO_USERS_FILE, ...opts.env },
      apps: opts.apps ?? [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360703'] },
      ],
    });
    return { nats, net, stop: async () => (await net.stop(), await nats.stop()) };
  } catch (e) {
    await nats.stop();
    throw e;
  }
}
