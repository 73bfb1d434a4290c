import { env } from 'cloudflare:workers';
import { and, eq, isNull } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../shared/cache/client.js';
import { refreshTokens } from '../../../shared/db/schema.js';
import { AuthClient, expectTokens, introspect, type Tokens } from '../support/auth-client.js';
import { createApplication, createUser, withDb } from '../support/fixtures.js';

/** Parallel refreshes must finish inside the grace window; replays wait it out. */
const GRACE_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(client: AuthClient): Promise<Tokens & { refreshToken: string }> {
  const user = await createUser();
  const tokens = await client.passwordGrant(user.username, user.password);
  if (!tokens.refreshToken) {
    throw new Error('no refresh token');
  }
  return { ...tokens, refreshToken: tokens.refreshToken };
}

async function liveTokensOf(sessionId: string): Promise<number> {
  const rows = await withDb((db) =>
    db
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.rotatedAt))),
  );
  return rows.length;
}

describe('refresh rotation (RFC 9700 §4.14.2)', () => {
  const bindings = {
    REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS),
    TOKEN_RATE_LIMIT_PER_MINUTE: '1000',
  };

  it('rotates on every use: the new token works once, the old one no more', async () => {
    const client = new AuthClient(undefined, bindings);
    const first = await signIn(client);
    const second = await expectTokens(await client.refresh(first.refreshToken));
    expect(second.refreshToken).toBeTruthy();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(decodeJwt(second.accessToken).sid).toBe(decodeJwt(first.accessToken).sid);
    expect((await client.refresh(first.refreshToken)).status).toBe(401);
  });

  it('20 parallel refreshes with one token: exactly one succeeds; a later replay revokes the whole family', async () => {
    const client = new AuthClient(undefined, bindings);
    const tokens = await signIn(client);
    const sessionId = String(decodeJwt(tokens.accessToken).sid);

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => client.refresh(tokens.refreshToken)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    expect(await liveTokensOf(sessionId)).toBe(1);

    const winner = responses.find((r) => r.status === 200);
    const newest = await expectTokens(winner as Response);

    await sleep(GRACE_SECONDS * 1000 + 200);
    const replay = await client.refresh(tokens.refreshToken);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'AUT-1005' });

    expect(await liveTokensOf(sessionId)).toBe(1);
    expect((await client.refresh(newest.refreshToken ?? '')).status).toBe(401);
    expect(await introspect(client, newest.accessToken)).toEqual({ active: false });
  });

  it('a rotated token replayed after the cache is flushed is still refused', async () => {
    const client = new AuthClient(undefined, bindings);
    const tokens = await signIn(client);
    await expectTokens(await client.refresh(tokens.refreshToken));

    await openCache(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN).flushdb();
    const replay = await client.refresh(tokens.refreshToken);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'AUT-1005' });
  });

  it('a refresh token presented by another client is invalid_grant', async () => {
    const client = new AuthClient(undefined, bindings);
    const tokens = await signIn(client);
    const other = await createApplication({ firstParty: true });

    const response = await client.form('/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: other.clientId,
      client_secret: other.clientSecret,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await client.refresh(tokens.refreshToken)).status).toBe(200);
  });

  it('scope may narrow on refresh, never widen', async () => {
    const client = new AuthClient(undefined, bindings);
    const tokens = await signIn(client);
    const narrowed = await expectTokens(
      await client.compat('/v1/login/oauth/refresh_token', {
        refreshToken: tokens.refreshToken,
        clientId: env.TEST_CONSOLE_CLIENT_ID,
        clientSecret: env.TEST_CONSOLE_CLIENT_SECRET,
        scope: 'openid',
      }),
    );
    expect(narrowed.scope).toBe('openid');

    const widened = await client.compat('/v1/login/oauth/refresh_token', {
      refreshToken: narrowed.refreshToken,
      clientId: env.TEST_CONSOLE_CLIENT_ID,
      clientSecret: env.TEST_CONSOLE_CLIENT_SECRET,
      scope: 'openid email',
    });
    expect(widened.status).toBe(400);
  });
});
