import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { as, storyInput } from '../support/http';
import { decide, indexed } from '../support/flow';

interface LogLine {
  msg?: string;
  requestId?: string;
  service?: string;
  [k: string]: unknown;
}

/** The JSON lines an app has written so far (its ring buffer), parsed; anything that is not JSON is skipped. */
function logLines(net: TestNetwork, center: string): LogLine[] {
  return net
    .app(center)
    .process.logs()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/**
 * What an operator follows when a desk says "my submission never arrived": one request id, from the
 * county's HTTP request, through the outbox and a NATS message header, into the city consumer's log
 * line; and from the province's HTTP request through gRPC metadata into the hub's log line for the
 * call it served. The hub runs at debug level, where those per-batch and per-call lines are written.
 */
describe('request id across HTTP, NATS and gRPC; metrics an operator scrapes', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'], env: { LOG_LEVEL: 'debug' } },
        { kind: 'county', centers: ['360702'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  it('one id crosses county HTTP → outbox → NATS header → city consumer, and province HTTP → gRPC metadata → city', async () => {
    const county = net.app('360702').http;
    const editor = as(county, net.token('360702', 'editor', 'u-liu', '刘敏'));
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
    const path = `/api/v1/centers/360702/stories/${body.id}`;
    await as(county, net.token('360702', 'editor', 'first', '初审编辑'))
      .post(`${path}/review/advance`, { step: 'first' })
      .expect(200);
    await as(county, net.token('360702', 'editor', 'second', '复审编辑'))
      .post(`${path}/review/advance`, { step: 'second' })
      .expect(200);

    const submitId = `req-submit-${Date.now()}`;
    const submitted = await as(county, net.token('360702', 'chief-editor', 'chief', '总编辑'))
      .post(`${path}/submit`)
      .set('x-request-id', submitId)
      .expect(202);
    expect(submitted.headers['x-request-id']).toBe(submitId);

    // The county's own access log line for the submit carries the id.
    // (written when the response has gone, so it may land just after the client has it)
    const access = await eventually(async () => logLines(net, '360702').find((l) => l.msg === 'http request' && l.requestId === submitId));
    expect(access).toMatchObject({ route: '/api/v1/centers/:center/stories/:id/submit', status: 202 });
    // The city applied the event under the same id: it came in the message header, not from the city's own requests.
    const applied = await eventually(async () =>
      logLines(net, '360700').find((l) => l.msg === 'events applied' && l.requestId === submitId && String(l.consumer).startsWith('360700')),
    );
    expect(applied.service).toBe('city');

    await decide(net, '360700', body.id, 'accept');
    await indexed(net, '360000', body.id);
    const openId = `req-open-${Date.now()}`;
    const opened = await as(net.app('360000').http, net.token('360000', 'desk-editor'))
      .get(`/api/v1/centers/360000/index/${body.id}`)
      .set('x-request-id', openId)
      .expect(200);
    expect(opened.body.id).toBe(body.id);
    const served = await eventually(async () => logLines(net, '360700').find((l) => l.msg === 'grpc call' && l.requestId === openId));
    expect(served).toMatchObject({ outcome: 'ok', method: 'StoryPoolGrpcController.getStory' });
  });

  it('replaces an unusable request id instead of logging it', async () => {
    const r = await as(net.app('360702').http).get('/health/live').set('x-request-id', 'two words').expect(200);
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus text with Node defaults, latency histograms and the lag per center', async () => {
    const text = await fetch(`${net.app('360700').http}/metrics`).then(async (r) => {
      expect(r.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      return r.text();
    });
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(
      /^syn_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/centers\/:center\/review-queue",status="200"\} \d+/m,
    );
    expect(text).toMatch(/^syn_grpc_server_duration_seconds_count\{method="StoryPoolGrpcController\.\w+",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^syn_consumer_batch_apply_seconds_count\{consumer="360700-from-children"\} [1-9]/m);
    // Per event, from JetStream storing it to its batch committed here: one hop's latency.
    expect(text).toMatch(/^syn_consumer_event_age_seconds_count\{consumer="360700-from-children"\} [1-9]/m);
    expect(text).toMatch(/^syn_consumer_pending\{consumer="360700-from-children",center="360700",direction="up"\} 0$/m);
    expect(text).toMatch(/^syn_outbox_unsent 0$/m);
    expect(text).toMatch(/^syn_receipts_overdue\{center="360700"\} 0$/m);
  });
});
