import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { OrganisationService } from '../../src/organisation/organisation.service';
import { setupApp } from '../../src/setup-app';
import { contractProblems, RecordedResponse, responseRecorder } from './openapi-contract';
import { ADMIN_DB_URL, databaseUrl, runId, templateName, TEST_REDIS_URL } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /**
   * The suite's database as its owner, for arranging and asserting with SQL across municipalities. The
   * app itself connects as the application role, under row-level security.
   */
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Every JSON answer so far; checked against the OpenAPI document when the app closes. */
  answers: RecordedResponse[];
  /** The database of this suite, for direct SQL in assertions. */
  databaseUrl: string;
  baseUrl: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh copy of the migrated template database. */
export async function createSuiteDatabase(): Promise<string> {
  const name = `vb_test_${runId()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DB_URL });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(runId())}"`);
        break;
      } catch (error) {
        // Another suite is copying the template at the same moment.
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: ADMIN_DB_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The configuration of a suite: its own database and Redis key prefix, fast hashing, quiet logs. */
export async function testConfig(env: Record<string, string> = {}, dbUrl?: string): Promise<AppConfig> {
  const port = await freePort();
  return loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: dbUrl ?? (await createSuiteDatabase()),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `vbt${runId()}${randomBytes(3).toString('hex')}`,
    BCRYPT_ROUNDS: '4',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    // A suite starts several apps and workers side by side: two connections each kept warm is plenty.
    DATABASE_POOL_MIN: '2',
    SMS_WEBHOOK_KEY: 'test-webhook-key-0123456789',
    ...env,
  });
}

export async function startTestApp(config?: AppConfig): Promise<TestApp> {
  const cfg = config ?? (await testConfig());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(cfg), { bodyParser: false, logger: false, abortOnError: false });
  // Every JSON answer of the suite is held to the OpenAPI document when the app closes.
  const answers: RecordedResponse[] = [];
  app.use(responseRecorder(answers));
  setupApp(app);
  await app.listen(cfg.PORT, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${cfg.PORT}`;
  const db = new DataSource(dataSourceOptions(cfg.DATABASE_URL, { poolSize: 4, applicationName: 'vikariebanken-tests' }));
  await db.initialize();
  return {
    app,
    config: cfg,
    db,
    http: () => request(app.getHttpServer()),
    answers,
    databaseUrl: cfg.DATABASE_URL,
    baseUrl,
    close: async () => {
      const docs = await request(app.getHttpServer()).get('/api/docs-json');
      await app.close();
      await db.destroy();
      // An app started without its documents (API_DOCS=off) has nothing to hold its answers to.
      if (docs.status !== 200) return;
      const problems = contractProblems(docs.body, answers);
      if (problems.length > 0) {
        throw new Error(`${problems.length} answers do not match the OpenAPI document:\n${problems.slice(0, 15).join('\n')}`);
      }
    },
  };
}

/** Creates a municipality and its admin, and signs in. */
export async function seedMunicipality(t: TestApp, name = `Testkommun ${randomBytes(3).toString('hex')}`) {
  const email = `admin-${randomBytes(4).toString('hex')}@example.se`;
  const password = 'correct horse battery';
  await t.app.get(OrganisationService).bootstrap(name, email, password);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return { municipalityId: login.body.user.municipalityId as string, adminToken: login.body.accessToken as string, adminEmail: email, password };
}

export type { INestApplicationContext };

/** The worker in this process (its own Nest context, as in production), for suites that need matching and delivery. */
export async function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../../src/worker.module');
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false, abortOnError: false });
  await worker.init();
  return worker;
}
