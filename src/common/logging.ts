import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs. Offer tokens are credentials: paths under /o/ and /api/v1/offers/ are redacted,
 * as are authorization headers.
 */
export function loggerModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (req) => req.url === '/health' },
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: redactTokens(req.url) }),
      },
      customProps: () => ({ service: 'vikariebanken' }),
    },
  });
}

export function redactTokens(url: string): string {
  // Express routes paths whatever their letter case, so /O/<token> is an offer link too.
  return url.replace(/(\/o\/|\/offers\/)[^/?#]+/gi, '$1[token]').replace(/([?&]key=)[^&]+/gi, '$1[redacted]');
}
