// Fails when the entities and the migrations disagree: applies every migration to a scratch database,
// then asks TypeORM whether it would generate a new one.
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `vb_drift_${process.pid}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

async function admin(sql) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function typeorm(...args) {
  execFileSync('npx', ['typeorm-ts-node-commonjs', ...args, '-d', 'src/database/data-source.ts'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url.toString() },
  });
}

(async () => {
  await admin(`CREATE DATABASE "${name}"`);
  try {
    typeorm('migration:run');
    typeorm('migration:generate', '--check', 'migrations/Drift');
    console.log('Schema check: entities and migrations agree.');
  } catch {
    console.error('Schema drift: the entities differ from the migrations. Run `npm run migration:generate migrations/<Name>`, read and tidy it, and commit it.');
    process.exitCode = 1;
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
})();
