import { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { GrpcExceptionFilter } from '@syn/grpc';
import { MediaReceiver } from './media-receiver';
import { MediaTransferGate } from './media-transfer.gate';
import { MediaHoldingMessage } from './media-transfer.types';

/**
 * The parent's answer to a child's offer: what it already has of an object, so bytes it holds
 * are never sent twice and a cut transfer resumes where it stopped. The bytes themselves travel
 * over HTTP (media-bytes.controller.ts).
 */
@Controller()
@UseFilters(GrpcExceptionFilter)
export class MediaTransferGrpcController {
  constructor(
    private readonly gate: MediaTransferGate,
    private readonly receiver: MediaReceiver,
  ) {}

  @GrpcMethod('MediaTransfer', 'Offer')
  async offer(raw: unknown, md: Metadata): Promise<MediaHoldingMessage> {
    return this.receiver.holding(await this.gate.offer(md, raw));
  }
}
