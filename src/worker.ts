import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { prepareDatabase } from './database/prepare-database';
import { configOrExit } from './main';
import { WorkerModule } from './worker.module';

export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

if (require.main === module) {
  const config = configOrExit();
  prepareDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD)
    .then(() => startWorker(config))
    .catch((error: Error) => {
      process.stderr.write(`Vikariebanken worker failed to start: ${error.message}\n`);
      process.exit(1);
    });
}
