import { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { AppEnv } from '@syn/config';
import {
  CenterCredentials,
  CenterKeyring,
  DigestResponse,
  GrpcExceptionFilter,
  invalidArgument,
  ListAcknowledgedResponse,
  notFound,
  permissionDenied,
  RedriveDecisionsResponse,
  unauthenticated,
} from '@syn/grpc';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { DataSource } from 'typeorm';
import { validateObject } from '@syn/story';
import { bucketOf, digestOf, mergeItems, ReconcileItem, uuidV7Floor } from './reconcile-item';
import { DigestGrpcRequest, ListAcknowledgedGrpcRequest, RedriveDecisionsGrpcRequest } from './reconciliation.dto';
import { ReconciliationSources } from './reconciliation-sources';

/**
 * The parent side of reconciliation: tells a child, by digest and then item by item, what this
 * center holds from it. Only the child itself may ask.
 */
@Controller()
@UseFilters(GrpcExceptionFilter)
export class ReconciliationGrpcController {
  private readonly credentials: CenterCredentials;

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly directory: CenterDirectory,
    private readonly hosted: HostedCenters,
    private readonly dataSource: DataSource,
    env: AppEnv,
  ) {
    this.credentials = new CenterCredentials(CenterKeyring.fromEnv(env));
  }

  @GrpcMethod('Reconciliation', 'Digest')
  async digest(raw: unknown, md: Metadata): Promise<DigestResponse> {
    const cred = this.credentials.verify(md);
    const req = await this.validate(DigestGrpcRequest, raw);
    const parent = this.authorise(cred, req.childCode);
    const items = await this.items(parent, req.childCode, req.since);
    const digest = digestOf(items.values(), req.buckets);
    return { parentCode: parent, buckets: [...digest].sort(([a], [b]) => a - b).map(([bucket, d]) => ({ bucket, ...d })) };
  }

  @GrpcMethod('Reconciliation', 'ListAcknowledged')
  async listAcknowledged(raw: unknown, md: Metadata): Promise<ListAcknowledgedResponse> {
    const cred = this.credentials.verify(md);
    const req = await this.validate(ListAcknowledgedGrpcRequest, raw);
    if (req.bucket >= req.buckets) throw invalidArgument('bucket must be 0..buckets-1');
    const parent = this.authorise(cred, req.childCode);
    const items = await this.items(parent, req.childCode, req.since);
    return { items: [...items.values()].filter((i) => bucketOf(i.storyId, req.buckets) === req.bucket) };
  }

  /** Downward repair: the child names what it still sees undecided; decisions made here go again. */
  @GrpcMethod('Reconciliation', 'RedriveDecisions')
  async redriveDecisions(raw: unknown, md: Metadata): Promise<RedriveDecisionsResponse> {
    const cred = this.credentials.verify(md);
    const req = await this.validate(RedriveDecisionsGrpcRequest, { ...(raw as object), items: (raw as { items?: unknown })?.items ?? [] });
    const parent = this.authorise(cred, req.childCode);
    if (req.items.length === 0) return { redriven: [] };
    const redriven = await this.dataSource.transaction(async (m) => {
      const out: string[] = [];
      for (const s of this.sources.decisions()) out.push(...(await s.redriveDecisions(m, parent, req.childCode, req.items)));
      return out;
    });
    return { redriven };
  }

  private async items(parent: string, child: string, since: string): Promise<Map<string, ReconcileItem>> {
    const sinceId = uuidV7Floor(new Date(since));
    const all: ReconcileItem[] = [];
    for (const s of this.sources.acknowledged()) all.push(...(await s.acknowledged(parent, child, sinceId)));
    return mergeItems(all);
  }

  private authorise({ center: caller, audience }: { center: string; audience: string }, child: string): string {
    if (!this.directory.has(child)) throw notFound(`center ${child} is not part of this network`);
    const parent = this.directory.get(child).parent;
    if (!parent || !this.hosted.has(parent)) throw notFound(`the parent of ${child} is not served here`);
    // Credentials are bound to the center called, so a parent cannot replay a child's call elsewhere.
    if (audience !== parent) throw unauthenticated(`credentials of center ${caller} were made for ${audience}, not for ${parent}`);
    if (caller !== child) throw permissionDenied(`center ${caller} may not reconcile on behalf of ${child}`);
    return parent;
  }

  private async validate<T extends object>(cls: new () => T, raw: unknown): Promise<T> {
    try {
      return await validateObject(cls, raw);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  }
}
