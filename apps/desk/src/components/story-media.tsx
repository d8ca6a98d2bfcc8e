import { useRefMedia, useStoryMedia } from '../hooks/use-media';
import type { MediaRef } from '../services/media';
import { MediaGallery } from './media-gallery';

/** The media of a story written here: read by the refs the story carries. */
export function OwnStoryMedia({ center, refs }: { center: string; refs: MediaRef[] }) {
  return <MediaGallery items={useRefMedia(center, refs)} />;
}

/** The media of a story held here as a copy (a hub's pool, the province's index): as they arrive. */
export function HeldStoryMedia({ center, storyId }: { center: string; storyId: string }) {
  return <MediaGallery items={useStoryMedia(center, storyId)} />;
}
