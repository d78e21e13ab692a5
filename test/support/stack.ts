import type { INestApplicationContext } from '@nestjs/common';
import { Channels, startChannels } from './channels';
import { dropDatabase, startTestApp, startTestWorker, testConfig, TestApp } from './test-app';

export interface Stack {
  t: TestApp;
  worker: INestApplicationContext;
  channels: Channels;
  close(): Promise<void>;
}

/** The api and a worker on one fresh database, sending to local SMS and SMTP servers. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const channels = await startChannels(env);
  const config = await testConfig(channels.env);
  const t = await startTestApp(config);
  const worker = await startTestWorker(config);
  return {
    t,
    worker,
    channels,
    close: async () => {
      await worker.close();
      await t.close();
      await channels.close();
      await dropDatabase(t.databaseUrl);
    },
  };
}
