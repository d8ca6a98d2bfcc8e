import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_NODE_ARGS, APP_PROCESS_ENV } from '@syn/config';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The container image, compose file and Kubernetes manifests cannot be run on this machine (no
 * image can be pulled), so they are checked here instead: every manifest against the Kubernetes
 * schemas (kubernetes-models), and each file for what the deployment depends on — probes on the
 * real health endpoints, limits that fit the measured memory, non-root everywhere, every center
 * hosted exactly once, alert rules that name metrics the code really exports.
 */
const ROOT = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Obj = Record<string, any>;
const MODELS: Record<string, new (data: Obj) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** The largest app's peak RSS with 120 counties (docs/benchmarks.md), in bytes. */
const MEASURED_PEAK_RSS = 214 * 2 ** 20;

function bytes(quantity: string): number {
  const m = /^(\d+)(Mi|Gi|M|G)?$/.exec(quantity);
  if (!m) throw new Error(`unreadable memory quantity ${quantity}`);
  const unit = { Mi: 2 ** 20, Gi: 2 ** 30, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit;
}

const jiangxi = JSON.parse(read('deploy/network/jiangxi.json')) as { centers: Array<{ code: string; name: string; parent: string | null; grpc?: string }> };
const tree = (centers: typeof jiangxi.centers) => centers.map((c) => `${c.code}|${c.name}|${c.parent}`).sort();

describe('Kubernetes manifests (deploy/k8s)', () => {
  const files = readdirSync(join(ROOT, 'deploy/k8s')).filter((f) => f.endsWith('.yaml'));
  const objects: Array<{ file: string; obj: Obj }> = files.flatMap((file) =>
    parseAllDocuments(read(`deploy/k8s/${file}`)).map((doc) => {
      expect(doc.errors).toEqual([]);
      return { file, obj: doc.toJS() as Obj };
    }),
  );
  const ofKind = (kind: string) => objects.filter((o) => o.obj.kind === kind).map((o) => o.obj);

  it('every document is a known kind that passes its Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const { file, obj } of objects) {
      const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
      if (!Model) throw new Error(`${file}: ${obj.apiVersion}/${obj.kind} is not a kind this check knows`);
      expect(() => new Model(obj).validate()).not.toThrow();
      expect(obj.metadata.namespace ?? obj.metadata.name).toBe('syn-jiangxi');
    }
  });

  it('the schema check does catch a bad manifest', () => {
    const broken = { ...ofKind('Deployment')[0], spec: { replicas: 'two' } };
    expect(() => new Deployment(broken as Obj as ConstructorParameters<typeof Deployment>[0]).validate()).toThrow(/replicas/);
  });

  it('apps: readiness on /health/ready, liveness on /health/live, non-root, limits above the measured peak', () => {
    const deployments = ofKind('Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['city-360100', 'city-360400', 'city-360700', 'counties', 'province']);
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(pod.securityContext.runAsUser).not.toBe(0);
      for (const c of pod.containers) {
        expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
        expect(c.livenessProbe.httpGet.path).toBe('/health/live');
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
        const limit = bytes(c.resources.limits.memory);
        // Room over the measured peak, and no more than twice it (a limit far above it hides a leak).
        expect(limit).toBeGreaterThan(MEASURED_PEAK_RSS * 1.2);
        expect(limit).toBeLessThan(MEASURED_PEAK_RSS * 2);
        expect(bytes(c.resources.requests.memory)).toBeGreaterThan(MEASURED_PEAK_RSS);
        expect(c.args[0]).toMatch(/^dist\/apps\/(county|city|province)\/src\/main\.js$/);
      }
    }
  });

  it('every Secret and ConfigMap an app uses is declared, and every Service selects an app', () => {
    const secrets = new Set(ofKind('Secret').map((s) => s.metadata.name));
    const configMaps = new Set(ofKind('ConfigMap').map((s) => s.metadata.name));
    for (const d of [...ofKind('Deployment'), ...ofKind('StatefulSet')]) {
      const pod = d.spec.template.spec;
      for (const v of pod.volumes ?? []) {
        if (v.secret) expect(secrets).toContain(v.secret.secretName);
        if (v.configMap) expect(configMaps).toContain(v.configMap.name);
      }
      for (const e of pod.containers.flatMap((c: Obj) => c.env ?? [])) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !ref.optional) {
          expect(secrets).toContain(ref.name);
          const secret = ofKind('Secret').find((s) => s.metadata.name === ref.name)!;
          expect(Object.keys(secret.stringData)).toContain(ref.key);
        }
      }
    }
    const podLabels = [...ofKind('Deployment'), ...ofKind('StatefulSet')].map((d) => d.spec.template.metadata.labels);
    for (const s of ofKind('Service')) expect(podLabels.some((l) => Object.entries(s.spec.selector).every(([k, v]) => l[k] === v))).toBe(true);
  });

  it('every center of the tree is hosted by exactly one app, and hubs are reached at their Service', () => {
    const network = JSON.parse(ofKind('ConfigMap').find((c) => c.metadata.name === 'syn-network')!.data['network.json']) as typeof jiangxi;
    expect(tree(network.centers)).toEqual(tree(jiangxi.centers));
    const hosted = ofKind('Deployment').flatMap((d) =>
      (d.spec.template.spec.containers[0].env.find((e: Obj) => e.name === 'HOSTED_CENTERS').value as string).split(','),
    );
    expect(hosted.sort()).toEqual(network.centers.map((c) => c.code).sort());
    const services = new Set(ofKind('Service').map((s) => s.metadata.name));
    for (const c of network.centers.filter((x) => x.grpc)) expect(services).toContain(c.grpc!.split('.')[0]);
  });

  it('NATS: three nodes with storage, ready only with JetStream on, one disruption at a time', () => {
    const [nats] = ofKind('StatefulSet');
    expect(nats.spec.replicas).toBe(3);
    expect(nats.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toMatch(/Gi$/);
    expect(nats.spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/healthz?js-enabled-only=true');
    expect(ofKind('PodDisruptionBudget')[0].spec.maxUnavailable).toBe(1);
    const conf = ofKind('ConfigMap').find((c) => c.metadata.name === 'nats-config')!.data['nats.conf'] as string;
    expect(conf.match(/nats-route:\/\/nats-\d\.nats\./g)).toHaveLength(3);
    for (const d of ofKind('Deployment')) expect(d.spec.template.spec.containers[0].env).toContainEqual({ name: 'NATS_STREAM_REPLICAS', value: '3' });
  });
});

describe('compose file for one province (deploy/compose)', () => {
  const compose = parse(read('deploy/compose/province.compose.yaml'), { merge: true }) as Obj;
  const services = compose.services as Record<string, Obj>;
  const apps = Object.entries(services).filter(([, s]) => s.image === 'syn-network:latest');

  it('has PostgreSQL, three NATS nodes, the province, its cities and its counties, each with a healthcheck', () => {
    expect(Object.keys(services).sort()).toEqual([
      'city-360100',
      'city-360400',
      'city-360700',
      'counties',
      'nats-1',
      'nats-2',
      'nats-3',
      'postgres',
      'province',
    ]);
    for (const [name, s] of Object.entries(services)) expect({ name, test: s.healthcheck?.test?.length > 0 }).toEqual({ name, test: true });
    for (const n of ['nats-1', 'nats-2', 'nats-3']) expect(services[n].healthcheck.test.join(' ')).toContain('js-enabled-only=true');
  });

  it('apps wait for healthy services, run as the image user with the measured memory limit, on an R3 stream', () => {
    expect(apps).toHaveLength(5);
    for (const [, s] of apps) {
      expect(s.user).toBe('node');
      expect(s.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, 'nats-1': { condition: 'service_healthy' } });
      expect(bytes(String(s.deploy.resources.limits.memory).replace(/m$/, 'Mi'))).toBeGreaterThan(MEASURED_PEAK_RSS * 1.2);
      expect(s.environment.NATS_STREAM_REPLICAS).toBe('3');
      expect(s.environment.DATABASE_URL).toMatch(/^postgres:\/\/syn:\$\{POSTGRES_PASSWORD\}@postgres:5432\/syn_\w+$/);
      expect(s.healthcheck.test.join(' ')).toContain('/health/ready');
    }
    const databases = apps.map(([, s]) => s.environment.DATABASE_URL.split('/').pop());
    for (const db of databases) expect(read('deploy/compose/postgres-init.sql')).toContain(`CREATE DATABASE ${db};`);
    const hosted = apps.flatMap(([, s]) => String(s.environment.HOSTED_CENTERS).split(','));
    expect(hosted.sort()).toEqual(jiangxi.centers.map((c) => c.code).sort());
  });

  it('its network file is the demo tree with hubs at their service names, and its config files exist', () => {
    const network = JSON.parse(read('deploy/compose/network.json')) as typeof jiangxi;
    expect(tree(network.centers)).toEqual(tree(jiangxi.centers));
    for (const c of network.centers.filter((x) => x.grpc)) expect(Object.keys(services)).toContain(c.grpc!.split(':')[0]);
    for (const c of Object.values(compose.configs as Record<string, { file: string }>)) expect(existsSync(join(ROOT, 'deploy/compose', c.file))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, l) => (l.startsWith('FROM ') ? [...acc, [l]] : (acc[acc.length - 1].push(l), acc)), []);
  const last = stages[stages.length - 1];

  it('is multi-stage, and the runtime stage runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const user = last.filter((l) => l.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user!.split(/\s+/)[1]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('the runtime stage holds only built output, production dependencies and the proto files', () => {
    const copies = last.filter((l) => /^(COPY|ADD) /.test(l));
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      expect(c).toMatch(/--from=/);
      expect(c.split(/\s+/).filter((w) => !w.startsWith('--'))[1]).toMatch(/^\/src\/(dist|node_modules|proto|package\.json)$/);
    }
    const prodDeps = stages.find((s) => s[0].includes(' AS prod-deps'))!;
    expect(prodDeps.join('\n')).toContain('npm ci --omit=dev');
  });

  it('starts node with the heap caps the limits are sized for', () => {
    const entry = JSON.parse(last.find((l) => l.startsWith('ENTRYPOINT '))!.slice('ENTRYPOINT '.length)) as string[];
    expect(entry.slice(1)).toEqual([...APP_NODE_ARGS]);
  });

  it('sets the process environment the apps are measured with (APP_PROCESS_ENV)', () => {
    const env = Object.fromEntries(
      last
        .filter((l) => l.startsWith('ENV '))
        .flatMap((l) => l.slice('ENV '.length).trim().split(/\s+/))
        .map((pair) => pair.split('=') as [string, string]),
    );
    for (const [key, value] of Object.entries(APP_PROCESS_ENV)) expect(env[key]).toBe(value);
  });

  it('npm run start:* starts each app with the same flags and environment', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const prefix = [...Object.entries(APP_PROCESS_ENV).map(([k, v]) => `${k}=${v}`), 'node', ...APP_NODE_ARGS].join(' ');
    for (const app of ['county', 'city', 'province']) expect(scripts[`start:${app}`]).toBe(`${prefix} dist/apps/${app}/src/main.js`);
  });
});

describe('Prometheus alert rules (deploy/prometheus)', () => {
  const rules = parse(read('deploy/prometheus/syn-alerts.rules.yaml')) as { groups: Array<{ name: string; rules: Obj[] }> };
  const operations = read('docs/operations.md');
  const anchors = new Set(
    [...operations.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N} -]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
  const source = ['libs', 'apps'].map((d) => readSources(join(ROOT, d))).join('\n');

  it('every rule has a name, an expression, a severity and a runbook section that exists', () => {
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const r of all) {
      expect(r.alert).toMatch(/^Syn[A-Z]\w+$/);
      expect(String(r.expr).trim().length).toBeGreaterThan(0);
      expect(['page', 'warn']).toContain(r.labels.severity);
      const [doc, anchor] = String(r.annotations.runbook).split('#');
      expect(doc).toBe('docs/operations.md');
      expect({ alert: r.alert, anchor, known: anchors.has(anchor) }).toEqual({ alert: r.alert, anchor, known: true });
    }
  });

  it('names only metrics the code exports', () => {
    const names = new Set(rules.groups.flatMap((g) => g.rules).flatMap((r) => [...String(r.expr).matchAll(/\bsyn_[a-z_]+/g)].map((m) => m[0])));
    expect(names.size).toBeGreaterThan(5);
    for (const n of names) {
      const base = n.replace(/_(bucket|count|sum)$/, '');
      expect({ metric: base, exported: source.includes(`'${base}'`) }).toEqual({ metric: base, exported: true });
    }
  });
});

function readSources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}
