import { storyListTexts } from '../../locales/zh-CN/county';
import type { CountyStory } from '../../services/county-types';

/** Who holds the story now, as the county reads it: the 三审 step waiting, or the hub it was sent to. */
export function holderText(s: CountyStory): string {
  if (s.withdrawnAt) return '—';
  if (s.holder?.kind === 'center') return s.status === 'accepted' ? storyListTexts.inPool(s.holder.name) : storyListTexts.atHub(s.holder.name);
  // Returned by the hub: the writer must answer with a new version before anyone signs again.
  if (s.status === 'returned' && !s.review?.awaiting) return storyListTexts.toRevise;
  if (s.review?.awaiting) return storyListTexts.awaiting(s.review.awaiting.label);
  return s.holder?.name ?? '—';
}
