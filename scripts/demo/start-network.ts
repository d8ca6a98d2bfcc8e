import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeskTokenService } from '@syn/auth';
import { APP_NODE_ARGS, APP_PROCESS_ENV, type AppEnv } from '@syn/config';
import { CenterDirectory } from '@syn/network';
import { DEMO_PROCESSES, DEMO_ROLES, DemoProcess } from './demo-topology';
import { loadSeedStories, toStoryInput } from './seed-stories';

/**
 * `npm start`: the demo network on one machine. Uses PostgreSQL and NATS where they answer,
 * starts private ones otherwise (and stops those again on Ctrl-C), runs every app as its own
 * process, sends the Jiangxi seed stories through the flow and prints where to look.
 */
const ROOT = resolve(__dirname, '../../..');
const RUN = resolve(ROOT, '.run');
const NETWORK_FILE = resolve(ROOT, 'deploy/network/jiangxi.json');
const PG = { host: process.env.PGHOST ?? '127.0.0.1', port: process.env.PGPORT ?? '5432', user: process.env.PGUSER ?? 'postgres' };
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const children: Array<{ p: DemoProcess; child: ChildProcess }> = [];
const startedServices: string[] = [];
let stopping = false;

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function secrets(): { auth: string; grpc: string } {
  mkdirSync(RUN, { recursive: true });
  const file = resolve(RUN, 'demo-secrets.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify({ auth: randomBytes(32).toString('hex'), grpc: randomBytes(24).toString('hex') }), { mode: 0o600 });
  return JSON.parse(readFileSync(file, 'utf8'));
}

function ensureServices() {
  const r = spawnSync('bash', [resolve(ROOT, 'scripts/infra/ensure-services.sh')], {
    env: { ...process.env, PGHOST: PG.host, PGPORT: PG.port, PGUSER: PG.user, NATS_URL },
    encoding: 'utf8',
  });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) throw new Error('PostgreSQL or NATS could not be started; see the message above for what to install');
  for (const line of r.stdout.split('\n')) if (/: started /.test(line)) startedServices.push(line);
}

function stopServices() {
  for (const line of startedServices) {
    const nats = /started nats-server .*\(pid (\d+)/.exec(line);
    if (nats) {
      try {
        process.kill(Number(nats[1]), 'SIGTERM');
        say(`stopped the private nats-server (pid ${nats[1]})`);
      } catch {
        /* already gone */
      }
    }
    const priv = /started private cluster in (\S+)/.exec(line);
    if (priv) {
      const bindir = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim();
      const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
      spawnSync(
        asPostgres[0] ?? `${bindir}/pg_ctl`,
        [...asPostgres.slice(1), ...(asPostgres.length ? [`${bindir}/pg_ctl`] : []), '-D', priv[1], 'stop', '-m', 'fast'],
        { stdio: 'inherit' },
      );
      say('stopped the private PostgreSQL cluster');
    }
    const sys = /started system cluster (\S+)\/(\S+)/.exec(line);
    if (sys) {
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', sys[1], sys[2], 'stop'], { stdio: 'inherit' });
      say(`stopped PostgreSQL cluster ${sys[1]}/${sys[2]} (the demo had started it)`);
    }
  }
}

function startApp(p: DemoProcess, s: { auth: string; grpc: string }) {
  const logFile = resolve(RUN, `${p.name}.log`);
  const child = spawn(process.execPath, [...APP_NODE_ARGS, resolve(ROOT, `dist/apps/${p.kind}/src/main.js`)], {
    env: {
      ...process.env,
      ...APP_PROCESS_ENV,
      DATABASE_URL: `postgres://${PG.user}@${PG.host}:${PG.port}/${p.database}`,
      NATS_URL,
      NETWORK_FILE,
      HOSTED_CENTERS: p.centers.join(','),
      HTTP_PORT: String(p.httpPort),
      GRPC_PORT: String(p.grpcPort),
      ...(p.mediaPort ? { MEDIA_PORT: String(p.mediaPort) } : {}),
      AUTH_TOKEN_SECRET: s.auth,
      GRPC_SHARED_SECRET: s.grpc,
      SEED_USERS_FILE: resolve(ROOT, 'deploy/demo/users.json'),
      // Each app keeps its own media, as on separate machines.
      MEDIA_DIR: resolve(RUN, 'media', p.name),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`!! ${p.name} exited (${signal ?? code}); its log: ${logFile}`);
      void shutdown(1);
    }
  });
  children.push({ p, child });
}

/** A busy port is named up front instead of surfacing as an app crash. */
async function assertPortsFree() {
  const { createServer } = await import('node:net');
  const busy: string[] = [];
  for (const p of DEMO_PROCESSES) {
    for (const port of p.kind === 'county' ? [p.httpPort] : [p.httpPort, p.grpcPort, p.mediaPort ?? p.httpPort]) {
      const free = await new Promise<boolean>((ok) => {
        const srv = createServer()
          .once('error', () => ok(false))
          .listen(port, '127.0.0.1', () => srv.close(() => ok(true)));
      });
      if (!free) busy.push(`${port} (${p.name})`);
    }
  }
  if (busy.length) throw new Error(`ports in use: ${busy.join(', ')} — is another demo running?`);
}

async function waitReady(p: DemoProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${p.httpPort}/health/ready`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${p.name} not ready after ${timeoutMs / 1000} s; see .run/${p.name}.log`);
}

async function api(method: string, port: number, path: string, token: string, body?: unknown) {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json().catch(() => ({}))) as Record<string, any>;
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
  return json;
}

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out waiting for the flow');
}

/** Sends the Jiangxi seed stories through write → submit → review → pool → province index. */
async function seed(tokens: DeskTokenService, directory: CenterDirectory) {
  const portOf = (code: string) => DEMO_PROCESSES.find((p) => p.centers.includes(code))!.httpPort;
  const tok = (center: string, role: 'editor' | 'curator' | 'desk-editor', name: string) => tokens.sign({ userId: `${role}-${center}`, name, role, center });
  const stories = loadSeedStories().filter((s) => s.origin.code && directory.has(s.origin.code));
  for (const s of stories) {
    const origin = s.origin.code!;
    const parent = directory.parentOf(origin)!;
    const editor = tok(origin, 'editor', `${directory.get(origin).name}编辑`);
    const existing = await api('GET', portOf(origin), `/api/v1/centers/${origin}/stories?limit=200`, editor);
    if (existing.items.some((i: { title: string }) => i.title === s.title)) continue;
    const created = await api('POST', portOf(origin), `/api/v1/centers/${origin}/stories`, editor, toStoryInput(s));
    // 三审 as the center's policy has it (default 3 steps): two editors, then the chief editor's 终审 = 上报.
    const policy = await api('GET', portOf(origin), `/api/v1/centers/${origin}/review-policy`, editor);
    await api('POST', portOf(origin), `/api/v1/centers/${origin}/stories/${created.id}/review/advance`, editor, { step: 'first' });
    if (policy.steps === 3) {
      const second = tokens.sign({ userId: `editor2-${origin}`, name: `${directory.get(origin).name}复审编辑`, role: 'editor', center: origin });
      await api('POST', portOf(origin), `/api/v1/centers/${origin}/stories/${created.id}/review/advance`, second, { step: 'second' });
    }
    const chief = tokens.sign({ userId: `chief-editor-${origin}`, name: `${directory.get(origin).name}总编辑`, role: 'chief-editor', center: origin });
    await api('POST', portOf(origin), `/api/v1/centers/${origin}/stories/${created.id}/submit`, chief);
    const curatorRole = parent.level === 'province' ? 'desk-editor' : 'curator';
    const curator = tok(parent.code, curatorRole, `${parent.name}审核`);
    await until(async () =>
      (await api('GET', portOf(parent.code), `/api/v1/centers/${parent.code}/review-queue`, curator)).items.some(
        (i: { storyId: string }) => i.storyId === created.id,
      ),
    );
    await api('POST', portOf(parent.code), `/api/v1/centers/${parent.code}/review-queue/${created.id}/decision`, curator, { decision: 'accept' });
    say(`  ✓ 《${s.title}》 ${directory.get(origin).name} → ${parent.name} 入库`);
  }
  const desk = tok('360000', 'desk-editor', '江西省平台编辑');
  const index = await until(async () => {
    const r = await api('GET', 3000, '/api/v1/centers/360000/index', desk);
    return r.items.length >= stories.length && r;
  });
  say(`  省级稿库 now lists ${index.items.length} stories.`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('\nstopping: draining apps (in-flight work finishes, outbox flushed) …');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  stopServices();
  say('all stopped.');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  say('省-市-县 story syndication network — demo (江西)\n');
  ensureServices();
  const s = secrets();
  const directory = CenterDirectory.fromFile(NETWORK_FILE);
  await assertPortsFree();
  for (const p of DEMO_PROCESSES) startApp(p, s);
  await Promise.all(DEMO_PROCESSES.map((p) => waitReady(p)));
  say('\nall apps ready; sending the seed stories through the flow:');
  const tokens = new DeskTokenService({ AUTH_TOKEN_SECRET: s.auth } as AppEnv);
  await seed(tokens, directory);

  const users = (
    JSON.parse(readFileSync(resolve(ROOT, 'deploy/demo/users.json'), 'utf8')) as {
      users: Array<{ center: string; username: string; password: string; role: string; displayName: string }>;
    }
  ).users;
  // An editor opens the desk and signs in with an account; tokens are for curl and scripts.
  say('\nDesks: open the URL in a browser and sign in (中心, 用户名, 密码) with an account listed under it.');
  for (const p of DEMO_PROCESSES) {
    say(
      `\n  ${p.name}  http://127.0.0.1:${p.httpPort}/desk   docs http://127.0.0.1:${p.httpPort}/docs${p.kind !== 'county' ? `   gRPC 127.0.0.1:${p.grpcPort}` : ''}`,
    );
    for (const u of users.filter((x) => p.centers.includes(x.center))) {
      say(`    ${u.center} ${directory.get(u.center).name}  ${u.username.padEnd(10)} ${u.password.padEnd(26)} ${u.role.padEnd(12)} ${u.displayName}`);
    }
  }
  say('\nTokens for curl (Authorization: Bearer …), one per demo role and center:');
  for (const p of DEMO_PROCESSES) {
    for (const code of p.centers) {
      for (const role of DEMO_ROLES[p.kind]) {
        const token = tokens.sign({ userId: `${role}-${code}`, name: `${directory.get(code).name}·${role}`, role, center: code }, 12 * 3600);
        say(`    ${code} ${directory.get(code).name} ${role.padEnd(12)} ${token}`);
      }
    }
  }
  say('\nTokens last 12 hours. Logs: .run/*.log. Ctrl-C stops everything.');
}

main().catch(async (e) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  await shutdown(1);
});
