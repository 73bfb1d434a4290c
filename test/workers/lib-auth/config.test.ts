import { describe, expect, it } from 'vitest';
import { LibAuthConfigError, parseLibAuthConfig } from '../../../shared/lib-auth/index.js';

describe('lib-auth configuration', () => {
  it('is off by default, in remote mode, with a 30 s bound and a 5 s decision cache', () => {
    expect(parseLibAuthConfig({})).toEqual({
      enabled: false,
      address: undefined,
      mode: 'remote',
      maxStalenessSeconds: 30,
      decisionCacheSeconds: 5,
      timeoutMs: 3000,
      issuer: undefined,
      audience: undefined,
      renewMarginSeconds: 60,
      cacheMaxEntries: 10_000,
    });
  });

  it('reads Worker vars as strings and TOML vars as booleans and numbers', () => {
    const fromStrings = parseLibAuthConfig({
      PLUGIN_AUTH_ENABLED: 'true',
      PLUGIN_AUTH_ADDRESS: 'http://127.0.0.1:4000/',
      PLUGIN_AUTH_MODE: 'offline',
      PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '10',
      PLUGIN_AUTH_TIMEOUT_MS: '250',
    });
    expect(fromStrings).toMatchObject({
      enabled: true,
      address: 'http://127.0.0.1:4000',
      mode: 'offline',
      maxStalenessSeconds: 10,
      timeoutMs: 250,
    });
    const typed = parseLibAuthConfig({
      PLUGIN_AUTH_ENABLED: false,
      PLUGIN_AUTH_DECISION_CACHE_SECONDS: 2,
    });
    expect(typed).toMatchObject({ enabled: false, decisionCacheSeconds: 2 });
  });

  it('treats an empty variable as unset', () => {
    const config = parseLibAuthConfig({ PLUGIN_AUTH_ENABLED: '', PLUGIN_AUTH_MODE: '' });
    expect(config).toMatchObject({ enabled: false, mode: 'remote' });
  });

  it('never caches a decision longer than the staleness bound', () => {
    const config = parseLibAuthConfig({
      PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '1',
      PLUGIN_AUTH_DECISION_CACHE_SECONDS: '5',
    });
    expect(config.decisionCacheSeconds).toBe(1);
  });

  it('requires an address once enabled', () => {
    expect(() => parseLibAuthConfig({ PLUGIN_AUTH_ENABLED: 'true' })).toThrow(LibAuthConfigError);
  });

  it('refuses values it does not understand, naming each variable', () => {
    let error: unknown;
    try {
      parseLibAuthConfig({
        PLUGIN_AUTH_ENABLED: 'maybe',
        PLUGIN_AUTH_ADDRESS: 'ftp://auth',
        PLUGIN_AUTH_MODE: 'local',
        PLUGIN_AUTH_OFFLINE_MAX_STALENESS_SECONDS: '-1',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LibAuthConfigError);
    const issues = (error as LibAuthConfigError).issues.join('\n');
    for (const name of ['ENABLED', 'ADDRESS', 'MODE', 'STALENESS']) {
      expect(issues).toContain(name);
    }
  });
});
