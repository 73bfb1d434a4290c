import { describe, expect, it } from 'vitest';
import { createLogger, redact, type LogLevel } from '../../../shared/log.js';

function capture(level: LogLevel = 'debug') {
  const lines: { line: Record<string, unknown>; at: LogLevel }[] = [];
  const log = createLogger({ service: 'auth', requestId: 'r-1' }, level, (line, at) => {
    lines.push({ line: JSON.parse(line) as Record<string, unknown>, at });
  });
  return { log, lines };
}

describe('structured logs', () => {
  it('write one JSON line per event with the base fields and the level', () => {
    const { log, lines } = capture();
    log.warn('not_ready', { failed: ['cache'] });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.at).toBe('warn');
    expect(lines[0]?.line).toMatchObject({
      level: 'warn',
      event: 'not_ready',
      service: 'auth',
      requestId: 'r-1',
      failed: ['cache'],
    });
  });

  it('redact passwords, secrets, tokens and Authorization headers at any depth', () => {
    const { log, lines } = capture();
    log.info('request', {
      body: { username: 'alice', password: 'hunter2', oldPassword: 'a', newPassword: 'b' },
      clientSecret: 's3cret',
      headers: { Authorization: 'Bearer abc', 'X-Request-Id': 'x' },
      tokens: [{ refreshToken: 'r', accessToken: 'a', id_token_hint: 'h' }],
    });
    const text = JSON.stringify(lines[0]?.line);
    for (const secret of ['hunter2', 's3cret', 'Bearer abc', '"r"', '"h"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('alice');
    expect(text).toContain('"X-Request-Id":"x"');
  });

  it('drop lines below the configured level', () => {
    const { log, lines } = capture('warn');
    log.info('request');
    log.debug('detail');
    log.error('request_failed');
    expect(lines.map((entry) => entry.at)).toEqual(['error']);
  });

  it('turn errors into name and message only (no stacks, no attached fields)', () => {
    const error = Object.assign(new Error('boom'), { connectionString: 'postgres://u:p@h/db' });
    expect(redact({ error })).toEqual({ error: { name: 'Error', message: 'boom' } });
  });
});
