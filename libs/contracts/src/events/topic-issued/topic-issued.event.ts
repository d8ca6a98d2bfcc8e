import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export const TOPIC_ISSUED = 'topic.issued';

/**
 * 选题 issued downward. Travels hop by hop; every hop keeps a copy in its topic inbox and passes it
 * to the children on the way to a target. A target with children fans it out to its whole subtree.
 */
export class TopicIssued {
  @IsUUID()
  topicId!: string;

  @Matches(/^\d{6}$/, { message: 'issuerCode must be a six-digit center code' })
  issuerCode!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @IsString()
  @MaxLength(5000)
  brief!: string;

  @IsISO8601()
  deadline!: string;

  /** The centers the topic is aimed at (all below the issuer, or a selection). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^\d{6}$/, { each: true, message: 'targets must be six-digit center codes' })
  targets!: string[];

  @IsString()
  @MaxLength(100)
  issuedBy!: string;

  @IsISO8601()
  issuedAt!: string;
}
