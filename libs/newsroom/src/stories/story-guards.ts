import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import type { StoryEntity } from './story.entity';

/** A withdrawn story (撤稿) is kept forever but never changes or travels again. */
export function assertNotWithdrawn(s: StoryEntity): void {
  if (s.withdrawnAt)
    throw new StateConflict(API_ERROR_CODES.storyWithdrawn, `story ${s.id} of center ${s.centerCode} was withdrawn (撤稿) and can no longer change`);
}
