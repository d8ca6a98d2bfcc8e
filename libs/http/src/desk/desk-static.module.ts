import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { basename, join, resolve } from 'node:path';

/**
 * Where the built desk (Vite output) lives: dist/desk at the repository root. This file runs from
 * dist/libs/http/src/desk/ once built (four levels below dist), and from libs/http/src/desk/ under ts-jest.
 */
const fourUp = resolve(__dirname, '..', '..', '..', '..');
export const DESK_DIST_DIR = basename(fourUp) === 'dist' ? join(fourUp, 'desk') : join(fourUp, 'dist', 'desk');

/** Hashed file names change with their content, so they may be cached for a year; index.html must not be. */
function cacheHeaders(res: Response, path: string): void {
  if (/[\\/]assets[\\/]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
}

/**
 * The desk at /desk: static files from dist/desk, and index.html for every other /desk path so the
 * browser router can take it from there (a reload on /desk/stories/1 must not 404).
 */
export const DeskStaticModule = ServeStaticModule.forRoot({
  rootPath: DESK_DIST_DIR,
  serveRoot: '/desk',
  serveStaticOptions: { redirect: false, setHeaders: cacheHeaders, fallthrough: true },
});
