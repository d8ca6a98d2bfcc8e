import * as tus from 'tus-js-client';
import { decodeError } from './api-error';
import { request } from './request';
import { sessionStore } from './session-store';

export interface MediaRef {
  url: string;
  kind: 'image' | 'video' | 'audio' | 'document';
  caption?: string;
}

export interface MediaItem {
  sha256: string;
  url: string;
  kind: MediaRef['kind'];
  mime: string;
  size: number;
  status: 'pending' | 'processing' | 'ready' | 'failed';
  progress: number;
  probe: { durationSeconds?: number; width?: number; height?: number; videoCodec?: string } | null;
  error: string | null;
  renditions: { name: string }[];
  /** Signed, short-lived: `original` and one per rendition. */
  links: Record<string, string>;
}

export interface StoryMediaItem extends Partial<MediaItem> {
  sha256: string;
  caption: string | null;
  arrived: boolean;
}

const c = (center: string) => `/api/v1/centers/${center}`;

export const sha256OfRef = (ref: MediaRef) => (ref.url.startsWith('media:') ? ref.url.slice('media:'.length) : undefined);

export function getMedia(center: string, sha256: string, signal?: AbortSignal): Promise<MediaItem> {
  return request(`${c(center)}/media/${sha256}`, { signal });
}

export function storyMedia(center: string, storyId: string, signal?: AbortSignal): Promise<{ items: StoryMediaItem[] }> {
  return request(`${c(center)}/stories/${storyId}/media`, { signal });
}

/** Larger files, and every video or audio, go by tus: a dropped connection resumes where it stopped. */
const RESUMABLE_FROM = 30 * 1024 * 1024;

/** Uploads one file with progress (0–100); resolves with the stored media. */
export function uploadMedia(center: string, file: File, onProgress: (percent: number) => void): Promise<MediaItem> {
  const resumable = file.type.startsWith('video/') || file.type.startsWith('audio/') || file.size > RESUMABLE_FROM;
  return resumable ? uploadResumable(center, file, onProgress) : uploadMultipart(center, file, onProgress);
}

function bearer(): string {
  return `Bearer ${sessionStore.get()?.accessToken ?? ''}`;
}

function uploadMultipart(center: string, file: File, onProgress: (percent: number) => void): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${c(center)}/media`);
    xhr.setRequestHeader('Authorization', bearer());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as MediaItem);
      else reject(decodeError(xhr.status, body));
    };
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

function uploadResumable(center: string, file: File, onProgress: (percent: number) => void): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    let finished: MediaItem | undefined;
    const upload = new tus.Upload(file, {
      endpoint: `${c(center)}/media/uploads`,
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { filename: file.name, filetype: file.type },
      // A fresh token on every request: a long video outlives one access token.
      onBeforeRequest: (req) => req.setHeader('Authorization', bearer()),
      onAfterResponse: (req, res) => {
        if (req.getMethod() === 'PATCH' && res.getStatus() === 200 && res.getBody()) finished = JSON.parse(res.getBody()) as MediaItem;
      },
      onProgress: (sent, total) => onProgress(Math.round((sent / total) * 100)),
      onError: (e) => {
        const res = (e as tus.DetailedError).originalResponse;
        let body: unknown = null;
        try {
          body = res ? JSON.parse(res.getBody()) : null;
        } catch {
          body = res?.getBody();
        }
        reject(res ? decodeError(res.getStatus(), body) : e);
      },
      onSuccess: () => {
        const sha = finished?.sha256;
        if (!sha) return reject(new Error('upload finished without a stored media'));
        void getMedia(center, sha).then(resolve, reject);
      },
    });
    void upload.findPreviousUploads().then((previous) => {
      if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}
