import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeskTokenService, Role } from '@syn/auth';
import { APP_NODE_ARGS, APP_PROCESS_ENV, type AppEnv } from '@syn/config';
import type { Center } from '@syn/network';
import { AppProcess } from './app-process';
import { findFreePort } from './free-port';
import { createTestDatabase, TestDatabase } from './postgres-test-database';

export type AppKind = 'province' | 'city' | 'county';

export interface TestAppSpec {
  kind: AppKind;
  centers: string[];
  name?: string;
  env?: Record<string, string>;
  /** Arguments for node itself (e.g. --cpu-prof), kept across restarts. */
  nodeArgs?: string[];
  /**
   * A second process of the app named here: same centers, same database, its own ports. The
   * network file lists both gRPC ports for the centers, so callers spread over the replicas.
   */
  replicaOf?: string;
}

export interface RunningApp {
  spec: TestAppSpec;
  name: string;
  http: string;
  /** The media byte server, on an app whose centers have children. */
  media?: string;
  grpcPort?: number;
  database: TestDatabase;
  process: AppProcess;
  env: Record<string, string>;
}

const ENTRY: Record<AppKind, string> = {
  province: 'dist/apps/province/src/main.js',
  city: 'dist/apps/city/src/main.js',
  county: 'dist/apps/county/src/main.js',
};

/**
 * How long an app may take to answer /health/ready. It starts in 3-5 s on an idle machine; with three
 * test lanes, Chromium and a dozen apps on two cores it has been seen past 45 s, and a start that is
 * only slow must not fail a suite.
 */
const READY_TIMEOUT_MS = 90_000;

export const TEST_AUTH_SECRET = 'test-secret-test-secret-test-secret-0000';
export const TEST_GRPC_SECRET = 'test-grpc-secret-0000';

/** The demo topology of the seed page: 江西 with 赣州, 南昌, 九江 and six counties. */
export const JIANGXI: Center[] = [
  { code: '360000', name: '江西省融媒体平台', level: 'province', parent: null },
  { code: '360700', name: '赣州市融媒体中心', level: 'city', parent: '360000' },
  { code: '360702', name: '章贡区融媒体中心', level: 'county', parent: '360700' },
  { code: '360703', name: '南康区融媒体中心', level: 'county', parent: '360700' },
  { code: '360704', name: '赣县区融媒体中心', level: 'county', parent: '360700' },
  { code: '360781', name: '瑞金市融媒体中心', level: 'county', parent: '360700' },
  { code: '360100', name: '南昌市融媒体中心', level: 'city', parent: '360000' },
  { code: '360113', name: '南昌市红谷滩区融媒体中心', level: 'county', parent: '360100' },
  { code: '360400', name: '九江市融媒体中心', level: 'city', parent: '360000' },
  { code: '360482', name: '共青城市融媒体中心', level: 'county', parent: '360400' },
  // 海南 澄迈县 reports straight to its province: a two-level branch in the same tree.
  { code: '460000', name: '海南省融媒体平台', level: 'province', parent: null },
  { code: '469023', name: '澄迈县融媒体中心', level: 'county', parent: '460000' },
];

/**
 * Starts real app processes (built output, as in production) with their own fresh databases,
 * against the NATS server given. The network file is written with the gRPC ports chosen here.
 */
export class TestNetwork {
  readonly apps: RunningApp[] = [];
  private readonly tokens = new DeskTokenService({ AUTH_TOKEN_SECRET: TEST_AUTH_SECRET } as AppEnv);

  private constructor(
    readonly natsUrl: string,
    readonly networkFile: string,
    readonly centers: Center[],
  ) {}

  static async start(opts: { natsUrl: string; apps: TestAppSpec[]; centers?: Center[]; env?: Record<string, string> }): Promise<TestNetwork> {
    const centers = (opts.centers ?? JIANGXI).map((c) => ({ ...c }));
    const grpcPorts = new Map<TestAppSpec, number>();
    const httpPorts = new Map<TestAppSpec, number>();
    const mediaPorts = new Map<TestAppSpec, number>();
    const grpcOf = new Map<string, number[]>();
    for (const spec of opts.apps) {
      if (spec.kind === 'county') continue;
      const port = await findFreePort();
      grpcPorts.set(spec, port);
      httpPorts.set(spec, await findFreePort());
      mediaPorts.set(spec, await findFreePort());
      for (const code of spec.centers) grpcOf.set(code, [...(grpcOf.get(code) ?? []), port]);
    }
    // Media bytes go to a parent's byte server; replicas would sit behind one address, so the first app hosting a center is it.
    for (const spec of opts.apps) {
      const port = mediaPorts.get(spec);
      if (port === undefined || spec.replicaOf) continue;
      for (const code of spec.centers) {
        const c = centers.find((x) => x.code === code);
        if (c && !c.media) c.media = `http://127.0.0.1:${port}`;
      }
    }
    for (const [code, ports] of grpcOf) {
      const c = centers.find((x) => x.code === code);
      // Several replicas: one gRPC target naming every address, which clients balance over.
      if (c) c.grpc = ports.length === 1 ? `127.0.0.1:${ports[0]}` : `ipv4:${ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
    }
    const dir = mkdtempSync(join(tmpdir(), 'syn-net-'));
    const networkFile = join(dir, 'network.json');
    writeFileSync(networkFile, JSON.stringify({ centers }, null, 2));
    const net = new TestNetwork(opts.natsUrl, networkFile, centers);
    try {
      // Replicas start after the app they share a database with has made its tables.
      await Promise.all(
        opts.apps
          .filter((s) => !s.replicaOf)
          .map((spec) => net.startApp(spec, { grpc: grpcPorts.get(spec), http: httpPorts.get(spec), media: mediaPorts.get(spec) }, opts.env)),
      );
      await Promise.all(
        opts.apps
          .filter((s) => s.replicaOf)
          .map((spec) => net.startApp(spec, { grpc: grpcPorts.get(spec), http: httpPorts.get(spec), media: mediaPorts.get(spec) }, opts.env)),
      );
    } catch (e) {
      await net.stop();
      throw e;
    }
    return net;
  }

  private async startApp(
    spec: TestAppSpec,
    ports: { grpc?: number; http?: number; media?: number },
    extraEnv: Record<string, string> = {},
  ): Promise<RunningApp> {
    const name = spec.name ?? `${spec.kind}-${spec.centers[0]}`;
    const database = spec.replicaOf ? this.app(spec.replicaOf).database : await createTestDatabase(`syn_t_${spec.kind}`);
    const httpPort = ports.http ?? (await findFreePort());
    const grpcPort = ports.grpc;
    const env: Record<string, string> = {
      ...APP_PROCESS_ENV,
      DATABASE_URL: database.url,
      NATS_URL: this.natsUrl,
      NETWORK_FILE: this.networkFile,
      HOSTED_CENTERS: spec.centers.join(','),
      HTTP_PORT: String(httpPort),
      GRPC_PORT: String(grpcPort ?? (await findFreePort())),
      // A county has no children and opens no byte server.
      MEDIA_PORT: String(ports.media ?? 0),
      AUTH_TOKEN_SECRET: TEST_AUTH_SECRET,
      GRPC_SHARED_SECRET: TEST_GRPC_SECRET,
      LOG_LEVEL: 'info',
      // Commits wake the outbox relay and media workers (LISTEN/NOTIFY, in-process signals), so the
      // polls are only a fallback: at 200 ms every idle app burnt about 40 ms of CPU a second, a fifth of
      // the machine across the networks a test run keeps up.
      OUTBOX_POLL_MS: '1000',
      MEDIA_DIR: mkdtempSync(join(tmpdir(), `syn-media-${name}-`)),
      MEDIA_POLL_MS: '1000',
      ...extraEnv,
      ...spec.env,
    };
    const proc = await AppProcess.start(resolve(process.cwd(), ENTRY[spec.kind]), { env, name, nodeArgs: [...APP_NODE_ARGS, ...(spec.nodeArgs ?? [])] });
    const http = `http://127.0.0.1:${httpPort}`;
    const media = ports.media === undefined ? undefined : `http://127.0.0.1:${ports.media}`;
    const app: RunningApp = { spec, name, http, media, grpcPort, database, process: proc, env };
    this.apps.push(app);
    await proc.waitForHttp(`${http}/health/ready`, READY_TIMEOUT_MS);
    return app;
  }

  /** The app of that name, or the first (not a replica) that hosts that center. */
  app(name: string): RunningApp {
    const a = this.apps.find((x) => x.name === name) ?? this.apps.find((x) => !x.spec.replicaOf && x.spec.centers.includes(name));
    if (!a) throw new Error(`no test app ${name}`);
    return a;
  }

  /** A desk token for a user of `center` with `role`. */
  token(center: string, role: Role, user = `${role}-${center}`, name = user): string {
    return this.tokens.sign({ userId: user, name, role, center });
  }

  /** Restarts an app process on the same database and ports (after a kill, say). */
  async restart(name: string): Promise<void> {
    const a = this.app(name);
    if (a.process.running) await a.process.stop();
    a.process = await AppProcess.start(resolve(process.cwd(), ENTRY[a.spec.kind]), {
      env: a.env,
      name: a.name,
      nodeArgs: [...APP_NODE_ARGS, ...(a.spec.nodeArgs ?? [])],
    });
    await a.process.waitForHttp(`${a.http}/health/ready`, READY_TIMEOUT_MS);
  }

  logs(): string {
    return this.apps.map((a) => `--- ${a.name}\n${a.process.logs()}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.filter((a) => a.process.running).map((a) => a.process.stop()));
    await Promise.all(this.apps.filter((a) => !a.spec.replicaOf).map((a) => a.database.drop().catch(() => undefined)));
    // Media folders made for the apps here (not one a test passed in) go with their databases.
    for (const a of this.apps) if (a.env.MEDIA_DIR?.includes('syn-media-')) rmSync(a.env.MEDIA_DIR, { recursive: true, force: true });
  }
}

/** Polls until `fn` returns a truthy value; fails with the last value seen. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 15_000, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms; last value ${JSON.stringify(last)}${lastError ? `, last error ${(lastError as Error).message}` : ''}`,
  );
}
