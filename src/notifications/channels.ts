import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Mailer } from './email/mailer';
import { ConsoleSmsProvider } from './sms/console.provider';
import { ElksSmsProvider } from './sms/elks.provider';
import { SmsProvider } from './sms/sms-provider';

export const MAILER = Symbol('MAILER');

export function createSmsProvider(config: AppConfig): SmsProvider {
  const logger = new Logger('Sms');
  if (config.SMS_PROVIDER === 'console') {
    // Development: the text is shown, so that a developer can open the link and use the code. Production
    // (where console is allowed only explicitly) logs that an SMS went, never what it said.
    return new ConsoleSmsProvider((line) => logger.log(config.isProduction ? line.replace(/ text=.*$/s, ' text=[redacted]') : line));
  }
  const key = config.SMS_WEBHOOK_KEY;
  return new ElksSmsProvider({
    apiUrl: config.SMS_API_URL,
    user: config.SMS_API_USER ?? '',
    password: config.SMS_API_PASSWORD ?? '',
    from: config.SMS_FROM,
    deliveryReportUrl: (reference) =>
      key ? `${config.PUBLIC_URL.replace(/\/+$/, '')}/api/v1/webhooks/46elks/delivery?key=${encodeURIComponent(key)}&delivery=${reference}` : undefined,
  });
}

export function createMailer(config: AppConfig): Mailer {
  const logger = new Logger('Mail');
  return new Mailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log: (line) => logger.log(line) });
}
