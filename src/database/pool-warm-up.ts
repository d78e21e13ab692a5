import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * Opens DATABASE_POOL_MIN connections as the process starts, each with a first statement behind it, rather
 * than one by one under the first load: the pool keeps them (its `min`) through a quiet night, and the
 * morning's first wave finds them ready.
 */
@Injectable()
export class PoolWarmUp implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const count = Math.min(this.config.DATABASE_POOL_MIN, this.config.DATABASE_POOL_SIZE);
    const clients: PoolClient[] = [];
    try {
      for (let i = 0; i < count; i++) clients.push(await pool.connect());
      await Promise.all(clients.map((client) => client.query('SELECT 1')));
    } finally {
      for (const client of clients) client.release();
    }
  }
}
