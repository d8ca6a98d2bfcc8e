import { Logger } from '@nestjs/common';
import type { Client } from 'pg';

const logger = new Logger('Database');

/**
 * pg-pool's `onConnect` hook: gives every new connection an 'error' listener for its whole life.
 *
 * pg-pool drops its own listener when it hands a connection out, and TypeORM attaches its listener
 * one promise tick later. When the server ends a connection right after accepting it (a
 * pg_terminate_backend, a restart, a failover), ReadyForQuery and the FATAL message can arrive in
 * one read: the FATAL is emitted as an 'error' event in that gap, with nobody listening, and
 * Node ends the process. The fault suite lost whole county apps to it. With this listener the
 * error is logged, the connection is unusable, the statement run on it fails like any other cut
 * connection (the caller retries), and the pool discards it on release.
 */
export function guardConnectionErrors(client: Client): void {
  client.on('error', (err: Error) => logger.warn({ msg: 'database connection lost', err: err.message }));
}
