import { LoggerService } from '@nestjs/common';
import { redact } from './redact';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * One JSON object per line so that logs can be shipped and queried by field
 * (center, storyId, eventId) instead of grepped.
 */
export class JsonLogger implements LoggerService {
  private readonly min: number;

  constructor(
    private readonly service: string,
    level: Level = 'info',
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    this.min = LEVELS.indexOf(level);
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
    if (LEVELS.indexOf(level) < this.min) return;
    // Nest passes the context as the last string argument; structured fields come as an object.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = { t: new Date().toISOString(), level, service: this.service };
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
    this.out.write(JSON.stringify(redact(entry)) + '\n');
  }
}
