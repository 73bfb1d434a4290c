import {
  checkPasswordLength,
  dummyVerify,
  hashPassword,
  pepperFromBase64,
  verifyPassword,
} from '../../../shared/crypto/password.js';
import { digestSecret, randomToken } from '../../../shared/crypto/secrets.js';
import { AppError } from '../../../shared/errors.js';
import type { Services } from '../../../shared/http/context.js';
import { recordAudit } from '../../../shared/store/audit.js';
import { openSession } from '../../../shared/store/refresh-tokens.js';
import { findUserByUsername, replacePasswordHash } from '../../../shared/store/sign-in.js';
import { authenticateClient } from '../token/authenticate-client.js';
import { mintUserTokens, type IssuedTokens } from '../token/mint.js';
import { limitTokenRequests } from '../token/rate-limit.js';
import { DEFAULT_USER_SCOPE, grantScope } from '../token/scope.js';
import { auditEvent, type GrantContext } from './context.js';
import { checkLockout, countFailure, forgetFailures } from './lockout.js';

/** Longest a session (refresh-token family) may live, however often it is refreshed. */
export const SESSION_MAX_LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * RFC 6749 §4.3, for first-party clients only (RFC 9700 §2.4 deprecates it; the console
 * needs it). Steps: fields, length, rate limit, client, lockout, password, session, tokens.
 */
export async function passwordGrant(context: GrantContext): Promise<IssuedTokens> {
  const { services, request, now } = context;
  const { username, password } = request;
  if (username === undefined || password === undefined) {
    throw new AppError('grant_missing_fields', { reason: 'username_or_password_missing' });
  }

  // SPEC §2.5: bound the work before any hashing; a 1 MB password is refused here.
  const length = checkPasswordLength(password);
  if (!length.ok && length.reason === 'too_long') {
    throw new AppError('invalid_request', { reason: 'password_too_long' });
  }

  await limitTokenRequests(services, context.ip, username, now);
  const client = await authenticateClient(services, request.client, now);
  if (!client.firstParty) {
    throw new AppError('unauthorized_client', { reason: 'password_grant_not_first_party' });
  }

  await checkLockout(context, username);

  const hashing = hashingConfig(services);
  const user = await findUserByUsername(services.db(), username);
  const verdict = user
    ? await verifyPassword(password, user.passwordHash, hashing)
    : await dummyVerify(password, hashing);

  if (!user || !verdict.ok) {
    await countFailure(context, username, user?.id);
    throw new AppError('invalid_credentials', { reason: user ? 'wrong_password' : 'unknown_user' });
  }
  if (user.blocked) {
    await recordAudit(
      services.db(),
      auditEvent(
        context,
        'sign_in.refused',
        { type: 'user', id: user.id },
        {
          target: { type: 'user', id: user.id },
          details: { reason: 'blocked', clientId: client.clientId },
        },
      ),
    );
    throw new AppError('invalid_credentials', { reason: 'user_blocked' });
  }

  await forgetFailures(context, username);
  if (verdict.needsRehash) {
    const next = await hashPassword(password, hashing);
    await replacePasswordHash(services.db(), user.id, user.passwordHash, next);
  }

  const scope = grantScope(request.scope, DEFAULT_USER_SCOPE);
  const refreshToken = randomToken();
  const sessionExpiresAt = new Date(now.getTime() + SESSION_MAX_LIFETIME_SECONDS * 1000);
  const sessionId = await openSession(services.db(), {
    userId: user.id,
    applicationId: client.id,
    scope,
    tokenDigest: await digestSecret(refreshToken),
    tokenExpiresAt: new Date(now.getTime() + services.config.refreshTokenTtl * 1000),
    sessionExpiresAt,
  });
  const minted = await mintUserTokens(services, { user, client, sessionId, scope, now });

  const actor = { type: 'user', id: user.id } as const;
  const details = { grantType: 'password', clientId: client.clientId, sessionId };
  await recordAudit(
    services.db(),
    auditEvent(context, 'sign_in.succeeded', actor, {
      target: { type: 'user', id: user.id },
      details,
    }),
    auditEvent(context, 'token.issued', actor, {
      target: { type: 'session', id: sessionId },
      details,
    }),
  );
  return { ...minted, refreshToken, scope };
}

/** The current pepper, from configuration; its absence is a deployment error. */
export function hashingConfig(services: Services) {
  const { passwordPepper, passwordPepperId } = services.config;
  if (!passwordPepper) {
    throw new AppError('internal', { reason: 'password_pepper_missing' });
  }
  return { pepper: pepperFromBase64(passwordPepperId, passwordPepper) };
}
