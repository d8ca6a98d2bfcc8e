import { useEffect, useState } from 'react';
import { getMedia, sha256OfRef, storyMedia, type MediaRef } from '../services/media';
import type { GalleryItem } from '../components/media-gallery';

const POLL_MS = 2000;

/**
 * The media a story's refs name, read from this center; polled while any is still being processed
 * or on its way, so progress moves on screen. Links are short-lived: each read signs fresh ones.
 */
export function useRefMedia(center: string, refs: MediaRef[]): GalleryItem[] {
  const key = refs.map((r) => `${r.url}|${r.caption ?? ''}`).join(',');
  const [items, setItems] = useState<GalleryItem[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const held = refs.flatMap((r) => {
      const sha256 = sha256OfRef(r);
      return sha256 ? [{ sha256, caption: r.caption }] : [];
    });
    const load = async () => {
      const next = await Promise.all(held.map(async (h) => ({ ...h, media: await getMedia(center, h.sha256, ctrl.signal).catch(() => undefined) })));
      if (ctrl.signal.aborted) return;
      setItems(next);
      if (next.some((i) => !i.media || i.media.status === 'pending' || i.media.status === 'processing')) timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
    // refs are compared by content (key), not identity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [center, key]);
  return items;
}

/** The media of a story held at this center (a hub's or the province's copy), as they arrive. */
export function useStoryMedia(center: string, storyId: string): GalleryItem[] {
  const [items, setItems] = useState<GalleryItem[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const r = await storyMedia(center, storyId, ctrl.signal).catch(() => ({ items: [] }));
      if (ctrl.signal.aborted) return;
      setItems(r.items.map((i) => ({ sha256: i.sha256, caption: i.caption, media: i.arrived ? (i as GalleryItem['media']) : undefined })));
      if (r.items.some((i) => !i.arrived || i.status !== 'ready')) timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [center, storyId]);
  return items;
}
