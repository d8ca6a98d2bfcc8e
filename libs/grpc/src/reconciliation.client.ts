import { ChannelOptions, credentials, loadPackageDefinition, ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';
import { CenterCredentials } from './center-credentials';
import { protoRoot, RECONCILIATION_PROTO } from './proto-path';
import { PROTO_LOADER_OPTIONS } from './story-pool.client';
import { BALANCED_CHANNEL } from './balanced-channel';

export interface DigestRequest {
  childCode: string;
  since: string;
  buckets: number;
}
export interface BucketDigest {
  bucket: number;
  hash: string;
  count: number;
}
export interface DigestResponse {
  parentCode: string;
  buckets: BucketDigest[];
}
export interface ListAcknowledgedRequest extends DigestRequest {
  bucket: number;
}
export interface AcknowledgedItem {
  storyId: string;
  version: number;
  withdrawn: boolean;
}
export interface ListAcknowledgedResponse {
  items: AcknowledgedItem[];
}

export interface AwaitedDecision {
  storyId: string;
  version: number;
}
export interface RedriveDecisionsRequest {
  childCode: string;
  items: AwaitedDecision[];
}
export interface RedriveDecisionsResponse {
  redriven: string[];
}

type Unary<Req, Res> = (req: Req, md: unknown, opts: { deadline: Date }, cb: (e: ServiceError | null, r: Res) => void) => void;
interface RawReconciliationClient {
  Digest: Unary<DigestRequest, DigestResponse>;
  ListAcknowledged: Unary<ListAcknowledgedRequest, ListAcknowledgedResponse>;
  RedriveDecisions: Unary<RedriveDecisionsRequest, RedriveDecisionsResponse>;
  close(): void;
}
type Ctor = new (address: string, creds: ReturnType<typeof credentials.createInsecure>, options?: ChannelOptions) => RawReconciliationClient;

/** Calls a parent's Reconciliation service as `self`; one channel per address. */
export class ReconciliationClient {
  private readonly clients = new Map<string, RawReconciliationClient>();
  private readonly ctor: Ctor;

  constructor(
    private readonly self: string,
    private readonly creds: CenterCredentials,
    private readonly timeoutMs = 15_000,
  ) {
    const def = loadSync(join(protoRoot(), RECONCILIATION_PROTO), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
    this.ctor = (loadPackageDefinition(def) as unknown as { syndication: { v1: { Reconciliation: Ctor } } }).syndication.v1.Reconciliation;
  }

  /** `parent` is the center being asked; the call's credentials are bound to it. */
  digest(address: string, parent: string, req: DigestRequest): Promise<DigestResponse> {
    return this.call(address, parent, (c, md, opts, cb) => c.Digest(req, md, opts, cb));
  }

  listAcknowledged(address: string, parent: string, req: ListAcknowledgedRequest): Promise<ListAcknowledgedResponse> {
    return this.call(address, parent, (c, md, opts, cb) => c.ListAcknowledged(req, md, opts, cb));
  }

  async redriveDecisions(address: string, parent: string, req: RedriveDecisionsRequest): Promise<RedriveDecisionsResponse> {
    const res = await this.call<RedriveDecisionsResponse>(address, parent, (c, md, opts, cb) => c.RedriveDecisions(req, md, opts, cb));
    return { redriven: res.redriven ?? [] };
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private call<T>(
    address: string,
    audience: string,
    fn: (c: RawReconciliationClient, md: unknown, opts: { deadline: Date }, cb: (e: ServiceError | null, r: T) => void) => void,
  ): Promise<T> {
    let client = this.clients.get(address);
    if (!client) {
      client = new this.ctor(address, credentials.createInsecure(), BALANCED_CHANNEL);
      this.clients.set(address, client);
    }
    const md = this.creds.metadataFor(this.self, audience);
    return new Promise<T>((resolve, reject) => fn(client!, md, { deadline: new Date(Date.now() + this.timeoutMs) }, (e, r) => (e ? reject(e) : resolve(r))));
  }
}
