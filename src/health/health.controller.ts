import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { RedisHealthIndicator } from './redis.health';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  /** Each dependency and its state, e.g. { "postgres": { "status": "up" }, "redis": { "status": "up" } }. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string' } } } })
  info: Record<string, { status: string }>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  error: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string' } } } })
  details: Record<string, { status: string }>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** 200 when PostgreSQL and Redis answer; 503 naming what is down. */
  @Public()
  @SkipThrottle()
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors(503)
  check() {
    return this.health.check([() => this.database.pingCheck('postgres', { timeout: 1000 }), () => this.redis.isHealthy('redis')]);
  }
}
