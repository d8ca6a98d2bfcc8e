import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, REQUEST_ID_HEADER, runWithRequestId } from './request-context';

/**
 * Takes the caller's x-request-id (a proxy's or the desk's) or makes one, answers with it, and
 * runs the rest of the request inside it: every log line, outbox row and gRPC call the request
 * causes carries the same id.
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction) {
    const id = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, id);
    runWithRequestId(id, next);
  }
}
