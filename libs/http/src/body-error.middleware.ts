import { API_ERROR_CODES } from '@syn/api-errors';
import type { NextFunction, Request, Response } from 'express';

/**
 * body-parser rejects oversize or malformed JSON before Nest sees the request; answer those in
 * the same JSON shape as every other error instead of Express's HTML page.
 */
export function bodyErrorHandler(limitBytes: number) {
  return (err: { type?: string; status?: number; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.too.large') {
      return res.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        code: API_ERROR_CODES.payloadTooLarge,
        message: [`body: request body exceeds the ${limitBytes}-byte limit`],
      });
    }
    if (err?.type === 'entity.parse.failed') {
      // The parser's message can quote the body (a password, say): say only where it broke.
      const at = /position (\d+)/.exec(err.message ?? '');
      return res.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        code: API_ERROR_CODES.malformedJson,
        message: [`body: malformed JSON${at ? ` at position ${at[1]}` : ''}`],
      });
    }
    return next(err);
  };
}
