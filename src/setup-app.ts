import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { addCommonErrors } from './common/api-docs';
import { AppConfig } from './config/app-config';
import { requireJsonBodies } from './common/require-json';
import { createValidationPipe } from './common/validation';

/** Everything main.ts and the tests both need on top of AppModule. */
export function setupApp(app: NestExpressApplication): INestApplication {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  app.disable('x-powered-by');
  // Pages are no-store, assets immutable and API answers made per request: an ETag would hash each body for nothing.
  app.set('etag', false);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'form-action': ["'self'"] } } }));
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: '256kb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  if (!config.apiDocsEnabled) return app;
  const document = addCommonErrors(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vikariebanken API')
      .setDescription('Substitute-pool matching for Swedish municipalities. Errors: { statusCode, error, code, message, details }.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** Express's "trust proxy" from TRUST_PROXY: true/false, a number of hops, or addresses and names. */
function trustProxy(setting: string): boolean | number | string {
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
