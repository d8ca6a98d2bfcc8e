import { BadRequestException } from '@nestjs/common';
import { StoryContent } from '@syn/contracts';
import { normaliseContent } from '@syn/story';
import { CreateStoryDto } from './story.dto';

/** A county story's content as stored and hashed (normaliseContent); a body with nothing safe left is refused. */
export function normaliseStory(center: string, dto: CreateStoryDto): StoryContent {
  const content = normaliseContent(dto, center);
  if (!content) throw new BadRequestException({ statusCode: 400, message: ['body: nothing left after removing unsafe HTML'], fields: ['body'] });
  return content;
}
