import { IsISO8601, IsObject, IsUUID, Matches } from 'class-validator';

/** Identity and route facts of an event, validated before its payload. */
export class EventEnvelopeHead {
  /** Also the Nats-Msg-Id and the inbox key: one id per event, forever. */
  @IsUUID()
  id!: string;

  @Matches(/^[a-z]+(\.[a-z-]+)+$/, { message: 'type must look like story.submitted' })
  type!: string;

  /** The center that sent this hop; must match the subject's sender token. */
  @Matches(/^\d{6}$/, { message: 'sender must be a six-digit center code' })
  sender!: string;

  @IsISO8601()
  occurredAt!: string;
}

/** What travels on the bus: the head around a typed payload. */
export class EventEnvelope<P = unknown> extends EventEnvelopeHead {
  @IsObject()
  payload!: P;
}
