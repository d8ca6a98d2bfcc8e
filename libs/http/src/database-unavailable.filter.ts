/** Errors that mean "the database is away or saturated right now", not "this request is wrong". */
const UNAVAILABLE =
  /timeout exceeded when trying to connect|Connection terminated|terminating connection due to administrator command|ECONNREFUSED|the database system is (starting up|shutting down)/i;

export const isDatabaseUnavailable = (e: unknown): boolean => e instanceof Error && UNAVAILABLE.test(e.message);
