import { FoundHandler, handlerTable } from './job-handlers';
import { selectQueues } from './jobs';

const handler = (job: string, owner: string): FoundHandler => ({ job: job as FoundHandler['job'], owner, run: async () => undefined });

describe('job handlers', () => {
  it('maps each job to its one handler', () => {
    const table = handlerTable(['match', 'deliver'], [handler('match', 'RunWave.match'), handler('deliver', 'Delivery.deliver')]);
    expect(table.get('match')?.owner).toBe('RunWave.match');
  });

  it('names every job without a handler, with two, and a handler of no job', () => {
    expect(() => handlerTable(['match', 'wave', 'deliver'], [handler('match', 'A.m'), handler('match', 'B.m'), handler('deliver', 'C.d'), handler('sweep', 'D.s')])).toThrow(
      'job "match" has 2 handlers (A.m, B.m); job "wave" has no handler; D.s handles "sweep", which is not a job',
    );
  });
});

describe('WORKER_QUEUES', () => {
  it('selects all queues when empty, or those named', () => {
    expect(selectQueues('')).toEqual(['matching', 'notifications']);
    expect(selectQueues(' notifications ')).toEqual(['notifications']);
  });

  it('refuses a name that is not a queue', () => {
    expect(() => selectQueues('matching,maintenance')).toThrow('WORKER_QUEUES names "maintenance", which is not a queue; the queues are matching, notifications');
  });
});
