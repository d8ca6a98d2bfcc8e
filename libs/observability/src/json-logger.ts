import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { redact } from './redact';
import { currentRequestId } from './request-context';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Nest's start-up inventory (a line per module and per route, ~90–200 per start) is written at
 * debug: it says nothing the code does not, and writing it synchronously was a tenth of a start.
 */
const FRAMEWORK_INVENTORY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * One JSON object per line so that logs can be shipped and queried by field (center, storyId,
 * eventId, requestId) instead of grepped. pino writes the lines; this class is Nest's
 * LoggerService in front of it, turning Nest's (message, ...fields, context) calls into one
 * object, masking secrets (redact) and stamping the request id of the async context.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;
  /** Writes what the stream still holds, now; a no-op for a stream that holds nothing. */
  private readonly flushNow: () => void;

  constructor(service: string, level: Level = 'info', out: NodeJS.WritableStream = process.stdout) {
    // stdout is buffered and written asynchronously, 8 KB or every 100 ms, whichever comes first: a
    // request's lines cost a buffer append, not a write(2) each (three per submitted story were; an
    // unbuffered asynchronous write costs more still, a thread-pool round trip per line). pino writes
    // what is buffered when the process exits, and warnings and errors are written through at once
    // (write below), so a crash loses at most the info lines of its last 100 ms, never the line that
    // says what went wrong.
    const stream = out === process.stdout ? pino.destination({ fd: 1, sync: false, minLength: 8192, periodicFlush: 100 }) : out;
    this.flushNow = 'flushSync' in stream && typeof stream.flushSync === 'function' ? () => (stream as { flushSync(): void }).flushSync() : () => undefined;
    this.pino = pino(
      {
        level,
        base: { service },
        messageKey: 'msg',
        timestamp: () => `,"t":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const requestId = currentRequestId();
          return requestId ? { requestId } : {};
        },
      },
      stream,
    );
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context as the last string argument; structured fields come as an object.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context !== undefined && FRAMEWORK_INVENTORY.has(context)) {
      level = 'debug';
      if (!this.pino.isLevelEnabled(level)) return;
    }
    const entry: Record<string, unknown> = {};
    if (context) entry.context = context;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    for (const r of rest) {
      if (r instanceof Error) entry.err = { message: r.message, stack: r.stack };
      else if (typeof r === 'object' && r !== null) Object.assign(entry, r);
      else if (typeof r === 'string' && level === 'error' && r.includes('\n')) entry.stack = r;
    }
    this.pino[level](redact(entry) as object);
    if (level === 'warn' || level === 'error') this.flushQuietly();
  }

  private flushQuietly() {
    try {
      this.flushNow();
    } catch {
      // A log line must never fail the work it describes; pino writes what is left at exit.
    }
  }
}
