import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-options';

export const REDIS = Symbol('REDIS');

/** A connection that fails fast: Redis holds no truth, and a request never waits on it for long. */
export function createRedisClient(config: AppConfig): Redis {
  return new Redis({ ...redisOptions(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
}
