import multer from 'multer';
import type { Request, Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { MediaRefused } from '../media-refused';

/**
 * Streams the `file` part of a multipart request to the scratch folder (never into memory) and
 * cuts it off one byte past `limit`; the kind's own limit is checked once the bytes are sniffed.
 */
export function receiveMultipart(req: Request, res: Response, scratch: string, limit: number): Promise<{ path: string; originalName: string }> {
  const upload = multer({
    storage: multer.diskStorage({ destination: scratch, filename: (_req, _file, cb) => cb(null, `${uuidv7()}.upload`) }),
    limits: { fileSize: limit, files: 1, fields: 5, parts: 6 },
  }).single('file');
  return new Promise((resolve, reject) =>
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(MediaRefused.tooLarge('', limit + 1, limit));
        return reject(MediaRefused.missing());
      }
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      const file = (req as Request & { file?: Express.Multer.File }).file;
      if (!file) return reject(MediaRefused.missing());
      resolve({ path: file.path, originalName: Buffer.from(file.originalname, 'latin1').toString('utf8') });
    }),
  );
}
