/**
 * Errors that mean "the database is away or saturated right now", not "this request is wrong".
 * The last ones follow a connection cut mid-request: the socket reset, pg refusing statements on a
 * client that saw a connection error, and TypeORM having released the query runner of such a
 * client, so the transaction's next statement finds it (or its connection) released.
 */
const UNAVAILABLE =
  /timeout exceeded when trying to connect|Connection terminated|terminating connection due to administrator command|ECONNREFUSED|the database system is (starting up|shutting down)|read ECONNRESET|Client has encountered a connection error and is not queryable|Query runner already released|connection provided by a query runner was already released/i;

export const isDatabaseUnavailable = (e: unknown): boolean => e instanceof Error && UNAVAILABLE.test(e.message);
