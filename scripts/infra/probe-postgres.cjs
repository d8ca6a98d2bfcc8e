// Connects to PostgreSQL as the tests and the demo do (PGHOST, PGPORT, PGUSER, PGPASSWORD over TCP)
// and checks the user may create databases, which every test does. Exits 0 when it can, 2 when the
// server wants a password it was not given or refuses this user, 1 otherwise.
// Plain CommonJS so it runs before anything is built (ensure-services.sh calls it).
'use strict';
const { Client } = require('pg');

const host = process.env.PGHOST || '127.0.0.1';
const port = Number(process.env.PGPORT || 5432);
const user = process.env.PGUSER || 'postgres';

async function main() {
  const client = new Client({ host, port, user, password: process.env.PGPASSWORD || undefined, database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (e) {
    // 28P01 wrong password, 28000 no pg_hba.conf entry; pg says "client password must be a string" when none was given.
    if (['28P01', '28000'].includes(e.code) || /password must be a string|SASL|password authentication/i.test(e.message)) {
      process.stderr.write(`${user}@${host}:${port}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    const [row] = (await client.query('SELECT rolsuper OR rolcreatedb AS ok FROM pg_roles WHERE rolname = current_user')).rows;
    if (!row || !row.ok) {
      process.stderr.write(`${user} may not create databases; the tests create one each: ALTER ROLE "${user}" CREATEDB\n`);
      return 2;
    }
    process.stdout.write(`postgres ok: ${user}@${host}:${port} may create databases\n`);
    return 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${user}@${host}:${port}: ${e.message}\n`);
    process.exit(1);
  },
);
