import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

export const TOPIC_ANSWERED = 'topic.answered';

/** A center submitted a story answering a topic; travels up hop by hop to the topic's issuer. */
export class TopicAnswered {
  @IsUUID()
  topicId!: string;

  @Matches(/^\d{6}$/, { message: 'issuerCode must be a six-digit center code' })
  issuerCode!: string;

  /** The center that wrote the answering story. */
  @Matches(/^\d{6}$/, { message: 'answererCode must be a six-digit center code' })
  answererCode!: string;

  @IsUUID()
  storyId!: string;

  @IsInt()
  @Min(1)
  storyVersion!: number;

  @IsString()
  @MaxLength(200)
  storyTitle!: string;

  /** Credited authors of the answering story (contributor pay follows these names). */
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  authors!: string[];

  @IsString()
  @MaxLength(100)
  answeredBy!: string;

  @IsISO8601()
  answeredAt!: string;
}
