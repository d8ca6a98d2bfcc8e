import type { MediaKind } from './media-kind';

export interface RenditionView {
  name: string;
  sha256: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
}

export interface MediaProbe {
  durationSeconds?: number;
  videoCodec?: string;
  audioCodec?: string;
  width?: number;
  height?: number;
}

/** One media object as a desk sees it: what it is, how far processing got, what renditions exist. */
export interface MediaView {
  sha256: string;
  /** What a story's MediaRef carries: the same at every center. */
  url: string;
  kind: MediaKind;
  mime: string;
  size: number;
  status: 'pending' | 'processing' | 'ready' | 'failed';
  progress: number;
  probe: MediaProbe | null;
  error: string | null;
  renditions: RenditionView[];
}
