import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../common/with-timeout';
import { JOBS, QUEUES } from './queues';

/** The due time is part of the id, so a wave put off (quiet hours) can be scheduled again. */
export const waveJobId = (vacancyId: string, wave: number, at: Date) => `wave-${vacancyId}-${wave}-${at.getTime()}`;

/**
 * Delayed jobs for a vacancy's next wave. Best effort: `vacancy.next_wave_at` is swept, so a job lost with
 * Redis is only a delay; the handler runs a wave only if it is the next one, so duplicates do nothing.
 */
@Injectable()
export class WaveScheduler {
  private readonly logger = new Logger(WaveScheduler.name);

  constructor(@InjectQueue(QUEUES.matching) private readonly queue: Queue) {}

  async schedule(vacancyId: string, wave: number, at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - Date.now());
    const job = this.queue.add(JOBS.wave, { vacancyId, wave: String(wave) }, { jobId: waveJobId(vacancyId, wave, at), delay });
    await withTimeout(job, 300).catch((error: Error) => {
      this.logger.warn(`Wave ${wave} of vacancy ${vacancyId} not scheduled now (${error.message}); the sweep will send it`);
    });
  }
}
