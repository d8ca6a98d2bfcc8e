import { BadRequestException } from '@nestjs/common';

/** Opaque keyset cursor (time, id): stable pages however many rows arrive meanwhile. */
export interface KeysetPosition {
  at: string;
  id: string;
}

export function encodeCursor(p: KeysetPosition): string {
  return Buffer.from(`${p.at}|${p.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException({ statusCode: 400, message: ['cursor: not a cursor this server issued'] });
  }
  return { at, id };
}
