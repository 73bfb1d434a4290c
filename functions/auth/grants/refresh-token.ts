import { digestSecret, randomToken } from '../../../shared/crypto/secrets.js';
import { bumpPrincipal } from '../../../shared/authz/versions.js';
import { AppError } from '../../../shared/errors.js';
import { recordAudit } from '../../../shared/store/audit.js';
import {
  findRefreshToken,
  rotateRefreshToken,
  type RefreshTokenRecord,
} from '../../../shared/store/refresh-tokens.js';
import { revokeSession } from '../../../shared/store/sessions.js';
import { findUserById } from '../../../shared/store/sign-in.js';
import { findClientById, type ClientRecord } from '../../../shared/store/clients.js';
import { authenticateClient } from '../token/authenticate-client.js';
import { mintUserTokens, type IssuedTokens } from '../token/mint.js';
import { limitTokenRequests } from '../token/rate-limit.js';
import { grantScope } from '../token/scope.js';
import { auditEvent, type GrantContext } from './context.js';

/** Refresh tokens are opaque and 43 characters; anything far longer is not ours. */
const MAX_REFRESH_TOKEN_LENGTH = 256;

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2). Every use rotates the token in one conditional
 * write. A rotated token presented again revokes its whole family — unless it comes within
 * REFRESH_REUSE_GRACE_SECONDS of its rotation, which is what parallel tabs racing the same
 * token look like: those are refused (invalid_grant) without revoking, and get no tokens.
 */
export async function refreshTokenGrant(context: GrantContext): Promise<IssuedTokens> {
  const { services, request, now } = context;
  const presented = request.refreshToken;
  if (presented === undefined) {
    throw new AppError('grant_missing_fields', { reason: 'refresh_token_missing' });
  }

  await limitTokenRequests(services, context.ip, request.client?.clientId ?? 'refresh', now);
  if (presented.length > MAX_REFRESH_TOKEN_LENGTH) {
    throw invalid('refresh_token_oversized');
  }

  // The compat refresh route may omit client credentials: the token's binding names the client.
  const publicAllowed = context.route === 'compat-refresh';
  const client =
    request.client === undefined && publicAllowed
      ? undefined
      : await authenticateClient(services, request.client, now, {
          allowUnauthenticated: publicAllowed,
        });
  const found = await findRefreshToken(services.db(), await digestSecret(presented));

  if (!found) {
    throw invalid('refresh_token_unknown');
  }
  if (client && client.id !== found.applicationId) {
    throw invalid('refresh_token_other_client');
  }
  if (found.rotatedAt) {
    await onReuse(context, found);
  }
  if (found.sessionRevokedAt || found.sessionExpiresAt <= now || found.expiresAt <= now) {
    throw invalid('refresh_token_dead');
  }
  if (found.userBlocked) {
    throw invalid('user_blocked');
  }

  const scope = grantScope(request.scope, found.scope);
  const next = randomToken();
  const expiresAt = new Date(
    Math.min(
      now.getTime() + services.config.refreshTokenTtl * 1000,
      found.sessionExpiresAt.getTime(),
    ),
  );
  const won = await rotateRefreshToken(services.db(), {
    tokenId: found.tokenId,
    nextDigest: await digestSecret(next),
    scope,
    expiresAt,
    now,
  });
  if (!won) {
    throw invalid('refresh_token_race_lost');
  }

  const user = await findUserById(services.db(), found.userId);
  const owner = client ?? (await ownerOf(context, found));
  if (!user) {
    throw invalid('user_gone');
  }
  const minted = await mintUserTokens(services, {
    user,
    client: owner,
    sessionId: found.sessionId,
    scope,
    now,
  });
  await recordAudit(
    services.db(),
    auditEvent(
      context,
      'token.issued',
      { type: 'user', id: user.id },
      {
        target: { type: 'session', id: found.sessionId },
        details: {
          grantType: 'refresh_token',
          clientId: owner.clientId,
          sessionId: found.sessionId,
        },
      },
    ),
  );
  return { ...minted, refreshToken: next, scope };
}

/** A rotated token came back: within the grace window refuse, after it revoke the family. */
async function onReuse(context: GrantContext, found: RefreshTokenRecord): Promise<never> {
  const { services, now } = context;
  const rotatedAt = found.rotatedAt ?? now;
  const sinceRotation = (now.getTime() - rotatedAt.getTime()) / 1000;
  if (sinceRotation <= services.config.refreshReuseGraceSeconds) {
    throw invalid('refresh_token_in_grace');
  }

  const revoked = await revokeSession(services.db(), found.sessionId, 'refresh_reuse', now);
  await bumpPrincipal(services, 'user', found.userId);
  await recordAudit(
    services.db(),
    auditEvent(
      context,
      'refresh.reused',
      { type: 'anonymous' },
      {
        target: { type: 'session', id: found.sessionId },
        details: { userId: found.userId, familyRevoked: revoked },
      },
    ),
  );
  throw invalid('refresh_token_reused');
}

async function ownerOf(context: GrantContext, found: RefreshTokenRecord): Promise<ClientRecord> {
  const owner = await findClientById(context.services.db(), found.applicationId);
  if (!owner) {
    throw invalid('client_gone');
  }
  return owner;
}

function invalid(reason: string): AppError {
  return new AppError('invalid_refresh_token', { reason });
}
