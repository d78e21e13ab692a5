import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config';
import { ConfigModule } from '../src/config/config.module';
import { Tenancy } from '../src/database/tenancy';
import { HandlesJob } from '../src/queue/job-handlers';
import { WorkerHost } from '../src/queue/worker-host';

@Injectable()
class MatchOnly {
  @HandlesJob('match')
  async match(): Promise<void> {}
}

/** A worker context of WorkerHost and the given providers, as the real worker finds its handlers. */
function workerWith(env: Record<string, string>, providers: unknown[]) {
  // These workers stop before they run anything, so nothing is scoped: Tenancy is only there to be injected.
  @Module({
    imports: [ConfigModule.forRoot(loadConfig({ NODE_ENV: 'test', ...env })), DiscoveryModule],
    providers: [WorkerHost, { provide: Tenancy, useValue: {} }, ...(providers as [])],
  })
  class TestWorker {}
  return NestFactory.createApplicationContext(TestWorker, { logger: false, abortOnError: false });
}

/** The worker refuses to start, with one line naming the problem, rather than run without doing its work. */
describe('worker start', () => {
  it('refuses WORKER_QUEUES naming a queue that does not exist', async () => {
    await expect(workerWith({ WORKER_QUEUES: 'matching,matchng' }, [MatchOnly])).rejects.toThrow(
      'WORKER_QUEUES names "matchng", which is not a queue; the queues are matching, notifications',
    );
  });

  it('refuses to start when a job has no handler', async () => {
    await expect(workerWith({}, [MatchOnly])).rejects.toThrow('job "wave" has no handler; job "deliver" has no handler');
  });

  it('refuses to start when a job has two handlers', async () => {
    @Injectable()
    class AnotherMatch {
      @HandlesJob('match')
      async match(): Promise<void> {}
    }
    await expect(workerWith({}, [MatchOnly, AnotherMatch])).rejects.toThrow('job "match" has 2 handlers (MatchOnly.match, AnotherMatch.match)');
  });
});
