import { BadRequestException } from '@nestjs/common';
import type { Priority, StoryContent } from '@syn/contracts';
import { normaliseContent } from '@syn/story';
import type { ReleaseStoryInput } from './release.dto';

/** The canonical content of a desk-written release: sanitised, trimmed, defaults filled in. */
export function releaseContent(issuer: string, input: ReleaseStoryInput, priority: Priority = 'normal'): StoryContent {
  const content = normaliseContent({ ...input, priority }, issuer);
  if (!content) throw new BadRequestException({ statusCode: 400, message: ['story.body: nothing left after removing unsafe HTML'], fields: ['story.body'] });
  return content;
}
