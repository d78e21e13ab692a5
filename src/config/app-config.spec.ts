import { developmentNotice, loadConfig } from './app-config';

const SECRETS = { JWT_SECRET: 'j'.repeat(40), OFFER_TOKEN_SECRET: 'o'.repeat(43) };
const PRODUCTION = { NODE_ENV: 'production', ...SECRETS, PUBLIC_URL: 'https://vikarie.norrkoping.se', SMS_PROVIDER: '46elks', SMS_API_USER: 'u', SMS_API_PASSWORD: 'p', SMTP_URL: 'smtp://mail:25', DATABASE_APP_PASSWORD: 'app role password' };

describe('configuration', () => {
  it('names the variable and its problem, and shows the value only when it cannot hold a credential', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('Configuration error: PORT must not be greater than 65535 (got "70000")');
    for (const [name, value] of [
      ['DATABASE_URL', 'mysql://vb:hemligt@db/vb'],
      ['REDIS_URL', 'http://:hemligt@redis'],
      ['SMTP_URL', 'mail://user:hemligt@mail'],
      ['SMS_API_URL', 'ftp://user:hemligt@elks'],
    ]) {
      let message = '';
      try {
        loadConfig({ [name]: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^Configuration error: ${name} `));
      expect(message).not.toContain('hemligt');
    }
  });

  it('runs in production only with its secrets, https, enough bcrypt rounds, a real SMS provider, SMTP and a database password', () => {
    expect(loadConfig(PRODUCTION).isProduction).toBe(true);
    expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: '' })).toThrow('JWT_SECRET');
    expect(() => loadConfig({ ...PRODUCTION, PUBLIC_URL: 'http://vikarie.norrkoping.se' })).toThrow('PUBLIC_URL must be an https:// URL in production');
    expect(() => loadConfig({ ...PRODUCTION, BCRYPT_ROUNDS: '8' })).toThrow('BCRYPT_ROUNDS must be at least 10 in production');
    expect(() => loadConfig({ ...PRODUCTION, SMS_PROVIDER: 'console' })).toThrow('SMS_PROVIDER must not be console in production');
    expect(loadConfig({ ...PRODUCTION, SMS_PROVIDER: 'console', ALLOW_CONSOLE_SMS: 'true' }).SMS_PROVIDER).toBe('console');
    expect(() => loadConfig({ ...PRODUCTION, SMTP_URL: '' })).toThrow('SMTP_URL is required in production');
    expect(loadConfig({ ...PRODUCTION, SMTP_URL: '', ALLOW_MAIL_TO_LOG: 'true' }).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ ...PRODUCTION, DATABASE_APP_PASSWORD: '' })).toThrow('DATABASE_APP_PASSWORD is required in production');
  });

  it('connects the api and worker as the application role, to the server and database of DATABASE_URL', () => {
    const owner = 'postgres://owner:owner%20secret@db.internal:6543/vikariebanken?sslmode=require';
    expect(loadConfig({ DATABASE_URL: owner }).appDatabaseUrl).toBe('postgres://vikariebanken_app@db.internal:6543/vikariebanken?sslmode=require');
    expect(loadConfig({ DATABASE_URL: owner, DATABASE_APP_PASSWORD: 'p@ss/word å 123' }).appDatabaseUrl).toBe(
      `postgres://vikariebanken_app:${encodeURIComponent('p@ss/word å 123')}@db.internal:6543/vikariebanken?sslmode=require`,
    );
  });

  it('says in one line that development runs with development secrets, and nothing once they are set or in production', () => {
    expect(developmentNotice(loadConfig({}))).toMatch(/^Running with development secrets .*do not make this service reachable from outside\.$/);
    expect(developmentNotice(loadConfig({ NODE_ENV: 'development', ...SECRETS }))).toBeNull();
    expect(developmentNotice(loadConfig(PRODUCTION))).toBeNull();
  });

  it('serves the API documents by default, but not in production unless asked', () => {
    expect(loadConfig({}).apiDocsEnabled).toBe(true);
    expect(loadConfig(PRODUCTION).apiDocsEnabled).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'on' }).apiDocsEnabled).toBe(true);
  });

  it('refuses a bootstrap password that bcrypt would cut short', () => {
    expect(() => loadConfig({ BOOTSTRAP_MUNICIPALITY: 'K', BOOTSTRAP_ADMIN_EMAIL: 'a@b.se', BOOTSTRAP_ADMIN_PASSWORD: 'å'.repeat(37) })).toThrow('at most 72 bytes');
  });
});
