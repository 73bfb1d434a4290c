import { getSigningKey } from '../../../shared/auth/key-ring.js';
import { keyRingSource } from '../../../shared/auth/authenticate.js';
import { signAccessToken, signIdToken } from '../../../shared/crypto/jwt.js';
import type { Services } from '../../../shared/http/context.js';
import type { ClientRecord } from '../../../shared/store/clients.js';
import type { SignInUser } from '../../../shared/store/sign-in.js';

/** What a successful grant answers, before the wire shape is chosen. */
export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  scope: string;
  refreshToken?: string;
  idToken?: string;
}

/** Mints an access token for a person's session, and the ID token when `openid` was granted. */
export async function mintUserTokens(
  services: Services,
  input: { user: SignInUser; client: ClientRecord; sessionId: string; scope: string; now: Date },
): Promise<Pick<IssuedTokens, 'accessToken' | 'expiresIn' | 'idToken'>> {
  const { config } = services;
  const key = await getSigningKey(keyRingSource(services));
  const { user, client, sessionId, scope, now } = input;
  const displayName = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;

  const access = await signAccessToken({
    key,
    now,
    ttlSeconds: config.accessTokenTtl,
    claims: {
      issuer: config.issuer,
      audience: config.audience,
      subject: user.id,
      clientId: client.clientId,
      scope,
      sessionId,
      type: 'normal-user',
      owner: config.organization,
      name: user.username,
      displayName,
    },
  });
  if (!scope.split(' ').includes('openid')) {
    return { accessToken: access.token, expiresIn: config.accessTokenTtl };
  }

  const id = await signIdToken({
    key,
    now,
    ttlSeconds: config.accessTokenTtl,
    claims: {
      issuer: config.issuer,
      subject: user.id,
      clientId: client.clientId,
      sessionId,
      authTime: now,
      name: displayName,
      preferredUsername: user.username,
      email: scope.split(' ').includes('email') ? user.email : undefined,
      emailVerified: false,
    },
  });
  return { accessToken: access.token, expiresIn: config.accessTokenTtl, idToken: id.token };
}

/** Mints an application's access token (client credentials: no session, no refresh token). */
export async function mintApplicationToken(
  services: Services,
  input: { client: ClientRecord; scope: string; now: Date },
): Promise<IssuedTokens> {
  const { config } = services;
  const key = await getSigningKey(keyRingSource(services));
  const access = await signAccessToken({
    key,
    now: input.now,
    ttlSeconds: config.accessTokenTtl,
    claims: {
      issuer: config.issuer,
      audience: config.audience,
      subject: input.client.id,
      clientId: input.client.clientId,
      scope: input.scope,
      type: 'application',
      owner: config.organization,
      name: input.client.name,
      displayName: input.client.name,
    },
  });
  return { accessToken: access.token, expiresIn: config.accessTokenTtl, scope: input.scope };
}
