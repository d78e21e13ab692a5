import { FakeElks, startFakeElks } from './fake-elks-server';
import { SmtpCatcher, startSmtpCatcher } from './smtp-catcher';

export interface Channels {
  elks: FakeElks;
  smtp: SmtpCatcher;
  /** Settings that point the app at both servers, with short timers for tests. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A local 46elks-compatible SMS API and an SMTP server: real protocols, no mocks. */
export async function startChannels(extra: Record<string, string> = {}): Promise<Channels> {
  const elks = await startFakeElks({ user: 'u', password: 'p' });
  const smtp = await startSmtpCatcher();
  return {
    elks,
    smtp,
    env: {
      SMS_PROVIDER: '46elks',
      SMS_API_URL: elks.url,
      SMS_API_USER: 'u',
      SMS_API_PASSWORD: 'p',
      SMTP_URL: smtp.url,
      SWEEP_INTERVAL_MS: '500',
      SMS_RECONCILE_AFTER_SECONDS: '1',
      ...extra,
    },
    close: async () => {
      await elks.close();
      await smtp.close();
    },
  };
}
