import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RateLimiter } from './rate-limiter';
import { createRedisClient, REDIS } from './redis-client';

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

/** Counters shared by every api replica (rate limits), over a Redis connection of their own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: createRedisClient,
    },
    RedisShutdown,
    RateLimiter,
  ],
  exports: [RateLimiter],
})
export class RedisModule {}
