import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, developmentNotice, loadConfig } from './config/app-config';
import { prepareDatabase } from './database/prepare-database';
import { OrganisationService } from './organisation/organisation.service';
import { setupApp } from './setup-app';

export async function startApi(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  setupApp(app);
  if (config.BOOTSTRAP_MUNICIPALITY && config.BOOTSTRAP_ADMIN_EMAIL && config.BOOTSTRAP_ADMIN_PASSWORD) {
    await app.get(OrganisationService).bootstrap(config.BOOTSTRAP_MUNICIPALITY, config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
  }
  await app.listen(config.PORT);
  return app;
}

/** Loads the config or exits with one line naming the bad variable. */
export function configOrExit(): AppConfig {
  try {
    process.loadEnvFile?.();
  } catch {
    // No .env file: the environment alone is used.
  }
  try {
    const config = loadConfig(process.env);
    const notice = developmentNotice(config);
    // Said once, by the process that was started (npm start's api and worker are its children).
    if (notice && !process.send) process.stderr.write(`${notice}\n`);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) {
  const config = configOrExit();
  prepareDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD)
    .then(() => startApi(config))
    .catch((error: Error) => {
      process.stderr.write(`Vikariebanken api failed to start: ${error.message}\n`);
      process.exit(1);
    });
}
