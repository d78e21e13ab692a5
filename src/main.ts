import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
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
    return loadConfig(process.env);
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
  prepareDatabase(config.DATABASE_URL)
    .then(() => startApi(config))
    .catch((error: Error) => {
      process.stderr.write(`Vikariebanken api failed to start: ${error.message}\n`);
      process.exit(1);
    });
}
