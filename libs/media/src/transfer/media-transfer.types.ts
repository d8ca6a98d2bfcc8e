import { IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { UPLOAD_KINDS } from '../media-kind';

export class MediaOfferMessage {
  @Matches(/^\d{6}$/, { message: 'fromCenter must be a six-digit center code' }) fromCenter!: string;
  @Matches(/^\d{6}$/, { message: 'toCenter must be a six-digit center code' }) toCenter!: string;
  @IsUUID() storyId!: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be a sha256 hex digest' }) sha256!: string;
  @Matches(/^\d{6}$/, { message: 'originCode must be a six-digit center code' }) originCode!: string;
  @IsIn(UPLOAD_KINDS) kind!: string;
  @IsString() @MaxLength(500) caption!: string;
  @Matches(/^(|\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2}))$/, { message: 'embargoUntil must be empty or an ISO 8601 time' }) embargoUntil!: string;
  @Matches(/^\d{1,15}$/, { message: 'size must be a byte count' }) size!: string;
}

export interface MediaHoldingMessage {
  have: boolean;
  offset: string;
}

/** A child's request for an object its parent holds (the downward hop, pulled). */
export class MediaRequestMessage {
  @Matches(/^\d{6}$/, { message: 'fromCenter must be a six-digit center code' }) fromCenter!: string;
  @Matches(/^\d{6}$/, { message: 'toCenter must be a six-digit center code' }) toCenter!: string;
  @IsUUID() storyId!: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be a sha256 hex digest' }) sha256!: string;
  @Matches(/^\d{1,15}$/, { message: 'offset must be a byte count' }) offset!: string;
}
