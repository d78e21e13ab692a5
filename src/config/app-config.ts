import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-000000';
const DEV_OFFER_TOKEN_SECRET = 'dev-only-offer-token-secret-change-me-in-production';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the service reads, validated once at start-up.
 * `.env.example` documents each of them.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/vikariebanken';

  /** Connections per process in the PostgreSQL pool. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX = 'vb';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @IsIn(['console', '46elks'])
  SMS_PROVIDER: 'console' | '46elks' = 'console';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  SMS_API_URL = 'https://api.46elks.com';

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.SMS_PROVIDER === '46elks')
  @IsString()
  @IsNotEmpty({ message: 'is required when SMS_PROVIDER=46elks' })
  SMS_API_USER?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.SMS_PROVIDER === '46elks')
  @IsString()
  @IsNotEmpty({ message: 'is required when SMS_PROVIDER=46elks' })
  SMS_API_PASSWORD?: string;

  @Matches(/^([A-Za-z0-9]{3,11}|\+[1-9]\d{6,14})$/, {
    message: 'must be 3-11 letters or digits, or a phone number in E.164 (+46...)',
  })
  SMS_FROM = 'Vikarie';

  /** Shared secret in the delivery-report URL given to 46elks. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  SMS_WEBHOOK_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Matches(/^[^\s@]+@[^\s@]+$|^.+<[^\s@]+@[^\s@]+>$/, { message: 'must be an email address' })
  MAIL_FROM = 'vikariebanken@localhost';

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsString({ message: 'is required in production' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.OFFER_TOKEN_SECRET !== undefined)
  @IsString({ message: 'is required in production' })
  @MinLength(43, { message: 'must be at least 256 bits (43 base64 characters)' })
  OFFER_TOKEN_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 8 * 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  BOOTSTRAP_MUNICIPALITY?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.BOOTSTRAP_MUNICIPALITY !== undefined)
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address (needed with BOOTSTRAP_MUNICIPALITY)' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.BOOTSTRAP_MUNICIPALITY !== undefined)
  @IsString({ message: 'is required with BOOTSTRAP_MUNICIPALITY' })
  @MinLength(10, { message: 'must be at least 10 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Comma-separated queues this worker processes; empty means all. */
  @Matches(/^[a-z,-]*$/, { message: 'must be a comma-separated list of queue names' })
  WORKER_QUEUES = '';

  /** Minimum hours between booked shifts of different bookings (Arbetstidslagen dygnsvila). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24)
  DAILY_REST_HOURS = 11;

  /** Seconds a send claim may stay unanswered before a retry reconciles it against the provider. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SMS_RECONCILE_AFTER_SECONDS = 30;

  /** How often each worker sweeps for outbox rows, waves and expiries that a lost job left behind. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS = 5000;

  /** How long a worker holds a job before BullMQ treats it as stalled (a killed worker) and hands it on. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30_000;

  /** Requests per minute per client before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  /** Bcrypt cost; lower only in tests. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_ROUNDS = 12;

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get offerTokenSecret(): string {
    return this.OFFER_TOKEN_SECRET ?? DEV_OFFER_TOKEN_SECRET;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError whose message names the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const plain: Record<string, string> = {};
  for (const key of [...known, 'SMS_API_USER', 'SMS_API_PASSWORD', 'SMS_WEBHOOK_KEY', 'SMTP_URL', 'JWT_SECRET',
    'OFFER_TOKEN_SECRET', 'BOOTSTRAP_MUNICIPALITY', 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD']) {
    const value = env[key];
    if (value !== undefined) plain[key] = value.trim();
  }
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const problem = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = /SECRET|PASSWORD/.test(first.property) ? '' : ` (got "${String(first.value ?? '')}")`;
    throw new ConfigError(`Configuration error: ${first.property} ${problem.replace(new RegExp(`^${first.property} `), '')}${shown}`);
  }
  return config;
}
