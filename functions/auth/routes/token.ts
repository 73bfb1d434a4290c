import { Hono, type Context } from 'hono';
import { AppError } from '../../../shared/errors.js';
import { clientIp } from '../../../shared/http/client-ip.js';
import type { AppEnv } from '../../../shared/http/context.js';
import { clientCredentialsGrant } from '../grants/client-credentials.js';
import type { GrantContext } from '../grants/context.js';
import { passwordGrant } from '../grants/password.js';
import { refreshTokenGrant } from '../grants/refresh-token.js';
import type { IssuedTokens } from '../token/mint.js';
import {
  parseFormTokenRequest,
  parseJsonTokenRequest,
  type GrantType,
  type TokenRequest,
} from '../token/request.js';
import { compatTokenBody, rfcTokenBody } from '../token/response.js';
import { readBodyText } from '../token/form.js';
import { noStore } from './no-store.js';

const GRANTS: Record<GrantType, (context: GrantContext) => Promise<IssuedTokens>> = {
  password: passwordGrant,
  client_credentials: clientCredentialsGrant,
  refresh_token: refreshTokenGrant,
};

export const token = new Hono<AppEnv>();
token.use('/oauth/token', noStore);
token.use('/v1/login/oauth/*', noStore);

/** RFC 6749 §3.2: the standard token endpoint, form-encoded. */
token.post('/oauth/token', async (c) => {
  const request = parseFormTokenRequest(
    c.req.header('Content-Type'),
    await readBodyText(c),
    c.req.header('Authorization'),
  );
  return c.json(rfcTokenBody(await issue(c, request, 'oauth')));
});

/** Compat: the console's and SDKs' JSON token endpoint (SPEC §3.1). */
token.post('/v1/login/oauth/access_token', async (c) => {
  const request = parseJsonTokenRequest(await readJson(c), c.req.header('Authorization'));
  return c.json(compatTokenBody(await issue(c, request, 'compat')));
});

/** Compat: refresh with JSON `{refreshToken, clientId?, clientSecret?, scope?}`. */
token.post('/v1/login/oauth/refresh_token', async (c) => {
  const body = await readJson(c);
  const request = parseJsonTokenRequest(body, c.req.header('Authorization'), {
    grantType: 'refresh_token',
  });
  if (request.grantType !== 'refresh_token') {
    throw new AppError('invalid_grant_type', { reason: 'refresh_route_other_grant' });
  }
  return c.json(compatTokenBody(await issue(c, request, 'compat-refresh')));
});

function issue(
  c: Context<AppEnv>,
  request: TokenRequest,
  route: GrantContext['route'],
): Promise<IssuedTokens> {
  return GRANTS[request.grantType]({
    services: c.var.services,
    request,
    ip: clientIp(c),
    requestId: c.get('requestId'),
    now: new Date(),
    route,
  });
}

/** Reads a JSON body; anything that is not a JSON object is a 400, never a 500. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new AppError('invalid_request', { reason: 'malformed_json', message: 'Malformed JSON.' });
  }
}
