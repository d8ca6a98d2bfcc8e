import { Metadata } from '@grpc/grpc-js';
import { Injectable } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterCredentials, CenterKeyring, invalidArgument, permissionDenied } from '@syn/grpc';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { validateObject } from '@syn/story';
import { MediaLibrary } from '../media-library';
import { MediaOfferMessage, MediaRequestMessage } from './media-transfer.types';

/**
 * Who may move media bytes across a hop, the same for the gRPC offer and the HTTP byte path: a
 * parent takes bytes only from its own children and gives bytes only to them, each proving its
 * center with its signed credentials. Refusals are gRPC statuses; the HTTP side maps them.
 */
@Injectable()
export class MediaTransferGate {
  private readonly credentials: CenterCredentials;

  constructor(
    private readonly directory: CenterDirectory,
    private readonly hosted: HostedCenters,
    private readonly library: MediaLibrary,
    env: AppEnv,
  ) {
    this.credentials = new CenterCredentials(CenterKeyring.fromEnv(env));
  }

  /** An offer (or the bytes of one) a child sends up: the caller must be `fromCenter`, a child of `toCenter` hosted here. */
  async offer(md: Metadata, raw: unknown): Promise<MediaOfferMessage> {
    const offer = await this.valid(MediaOfferMessage, raw);
    const caller = this.credentials.callerOf(md, offer.toCenter);
    if (caller !== offer.fromCenter) throw permissionDenied(`caller ${caller} cannot send media as ${offer.fromCenter}`);
    this.checkHop(offer.toCenter, offer.fromCenter);
    if (Number(offer.size) > this.library.maxBytes()) throw invalidArgument(`media ${offer.sha256} of ${offer.size} bytes is over every kind's limit`);
    return offer;
  }

  /** A child's request for bytes its parent holds: the caller must be `toCenter`, a child of `fromCenter` hosted here. */
  async request(md: Metadata, raw: unknown): Promise<MediaRequestMessage> {
    const req = await this.valid(MediaRequestMessage, raw);
    const caller = this.credentials.callerOf(md, req.fromCenter);
    if (caller !== req.toCenter) throw permissionDenied(`caller ${caller} cannot ask for media as ${req.toCenter}`);
    this.checkHop(req.fromCenter, req.toCenter);
    return req;
  }

  private checkHop(parent: string, child: string): void {
    if (!this.hosted.has(parent)) throw permissionDenied(`center ${parent} is not hosted here`);
    if (!this.directory.has(child) || this.directory.get(child).parent !== parent) throw permissionDenied(`center ${child} is not a child of ${parent}`);
  }

  private async valid<T extends object>(cls: new () => T, raw: unknown): Promise<T> {
    try {
      return await validateObject(cls, raw);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  }
}
