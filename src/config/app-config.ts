import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
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

/** The role the api and the worker connect as; the migrations create it (see migrations/*-RowLevelSecurity.ts). */
export const APP_DATABASE_ROLE = 'vikariebanken_app';

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-000000';
const DEV_OFFER_TOKEN_SECRET = 'dev-only-offer-token-secret-change-me-in-production';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' || value === undefined || value === '' ? false : value);
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

  /** The owner's connection: creates the database and runs the migrations. The api and worker connect as APP_DATABASE_ROLE. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/vikariebanken';

  /**
   * The password of the role the api and worker connect as (vikariebanken_app, created by the migrations,
   * subject to row-level security). When set, start-up gives the role this password; needed wherever
   * PostgreSQL asks for one (always in production).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  DATABASE_APP_PASSWORD?: string;

  /** Connections per process in the PostgreSQL pool. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * Connections each process opens at start and keeps however quiet it is (at most DATABASE_POOL_SIZE), so
   * that the morning's first wave does not wait for connections to open and warm up.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(200)
  DATABASE_POOL_MIN = 10;

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

  /** Lifetime of a signed-in browser session on the pages, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  SESSION_TTL_SECONDS = 8 * 3600;

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

  /** Bcrypt cost; lower only in tests (production refuses less than 10). */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_ROUNDS = 12;

  /** Serve the OpenAPI document and Swagger UI (/api/docs); unset: on, but off in production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['on', 'off'])
  API_DOCS?: 'on' | 'off';

  /** Which proxies' X-Forwarded-For to believe for the client address (Express "trust proxy": loopback, a number of hops, or addresses). */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)([, ]+(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/, {
    message: 'must be true, false, a number of hops, or addresses and loopback/linklocal/uniquelocal',
  })
  TRUST_PROXY = 'loopback';

  /** SMS each municipality may send in a day; more are not sent, and the staffing team is told. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SMS_DAILY_BUDGET = 3000;

  /** Days the audit log keeps an entry. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUDIT_RETENTION_DAYS = 730;

  /** Days a finished outbox row is kept (for tracing a job), then removed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS = 7;

  /** Days the text and address of a finished message are kept (they hold names, addresses and shifts), then blanked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MESSAGE_RETENTION_DAYS = 30;

  /** Days a sign-up the staffing team never verified is kept, then removed with everything it gave. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  UNVERIFIED_SIGN_UP_RETENTION_DAYS = 90;

  /** Production refuses the console SMS provider unless this is true (a test environment named production). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_CONSOLE_SMS = false;

  /** Production refuses to write mail to the log (no SMTP_URL) unless this is true. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_MAIL_TO_LOG = false;

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get offerTokenSecret(): string {
    return this.OFFER_TOKEN_SECRET ?? DEV_OFFER_TOKEN_SECRET;
  }

  /** How the api and the worker connect: DATABASE_URL's server and database, as the application role. */
  get appDatabaseUrl(): string {
    const url = new URL(this.DATABASE_URL);
    url.username = APP_DATABASE_ROLE;
    url.password = this.DATABASE_APP_PASSWORD ? encodeURIComponent(this.DATABASE_APP_PASSWORD) : '';
    return url.toString();
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get apiDocsEnabled(): boolean {
    return this.API_DOCS ? this.API_DOCS === 'on' : !this.isProduction;
  }

  /** True when the signing keys are the development ones written in this file. */
  get usesDevelopmentSecrets(): boolean {
    return this.JWT_SECRET === undefined || this.OFFER_TOKEN_SECRET === undefined;
  }
}

/** The line a development start says: development secrets are in use, so the service must stay private. */
export function developmentNotice(c: AppConfig): string | null {
  if (c.isProduction || !c.usesDevelopmentSecrets) return null;
  return 'Running with development secrets (JWT_SECRET and OFFER_TOKEN_SECRET unset): for development only; do not make this service reachable from outside.';
}

/** What production will not run with, as "VARIABLE problem"; empty outside production. */
function productionProblems(c: AppConfig): [string, string][] {
  if (!c.isProduction) return [];
  return [
    ...(c.PUBLIC_URL.startsWith('https://') ? [] : [['PUBLIC_URL', 'must be an https:// URL in production']]),
    ...(c.BCRYPT_ROUNDS >= 10 ? [] : [['BCRYPT_ROUNDS', 'must be at least 10 in production']]),
    ...(c.DATABASE_APP_PASSWORD ? [] : [['DATABASE_APP_PASSWORD', 'is required in production (the password of the role the api and worker connect as)']]),
    ...(c.SMS_PROVIDER !== 'console' || c.ALLOW_CONSOLE_SMS ? [] : [['SMS_PROVIDER', 'must not be console in production (set ALLOW_CONSOLE_SMS=true to allow it)']]),
    ...(c.SMTP_URL || c.ALLOW_MAIL_TO_LOG ? [] : [['SMTP_URL', 'is required in production (set ALLOW_MAIL_TO_LOG=true to write mail to the log instead)']]),
  ] as [string, string][];
}

/** Values that may be shown in an error: none that could hold a credential (URLs, users, keys, passwords). */
const SAFE_TO_SHOW = new Set([
  'AUDIT_RETENTION_DAYS', 'OUTBOX_RETENTION_DAYS', 'MESSAGE_RETENTION_DAYS', 'UNVERIFIED_SIGN_UP_RETENTION_DAYS',
  'NODE_ENV', 'PORT', 'DATABASE_POOL_SIZE', 'DATABASE_POOL_MIN', 'QUEUE_PREFIX', 'PUBLIC_URL', 'SMS_PROVIDER', 'SMS_FROM', 'JWT_TTL_SECONDS', 'SESSION_TTL_SECONDS',
  'LOG_LEVEL', 'WORKER_QUEUES', 'SMS_RECONCILE_AFTER_SECONDS', 'SWEEP_INTERVAL_MS', 'JOB_LOCK_MS', 'RATE_LIMIT_PER_MINUTE',
  'BCRYPT_ROUNDS', 'API_DOCS', 'TRUST_PROXY', 'SMS_DAILY_BUDGET', 'ALLOW_CONSOLE_SMS', 'ALLOW_MAIL_TO_LOG',
]);

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError whose message names the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const plain: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_APP_PASSWORD', 'SMS_API_USER', 'SMS_API_PASSWORD', 'SMS_WEBHOOK_KEY', 'SMTP_URL', 'JWT_SECRET',
    'OFFER_TOKEN_SECRET', 'BOOTSTRAP_MUNICIPALITY', 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD', 'API_DOCS']) {
    const value = env[key];
    if (value !== undefined) plain[key] = value.trim();
  }
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const problem = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = SAFE_TO_SHOW.has(first.property) ? ` (got "${String(first.value ?? '')}")` : '';
    throw new ConfigError(`Configuration error: ${first.property} ${problem.replace(new RegExp(`^${first.property} `), '')}${shown}`);
  }
  // bcrypt reads 72 bytes: a longer password would let any tail sign in.
  if (config.BOOTSTRAP_ADMIN_PASSWORD && Buffer.byteLength(config.BOOTSTRAP_ADMIN_PASSWORD) > 72) {
    throw new ConfigError('Configuration error: BOOTSTRAP_ADMIN_PASSWORD must be at most 72 bytes (letters such as å, ä and ö take two)');
  }
  const [refused] = productionProblems(config);
  if (refused) throw new ConfigError(`Configuration error: ${refused[0]} ${refused[1]}`);
  return config;
}
