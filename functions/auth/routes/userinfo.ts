import { Hono } from 'hono';
import { AppError } from '../../../shared/errors.js';
import { requirePrincipal, type PrincipalEnv } from '../../../shared/http/bearer.js';
import { findUserById } from '../../../shared/store/sign-in.js';

export const userinfo = new Hono<PrincipalEnv>();

/** Compat userinfo (SPEC §3.3): the signed-in person behind a Bearer access token. */
userinfo.get('/v1/userinfo', requirePrincipal(), async (c) => {
  const principal = c.var.principal;
  if (principal.kind !== 'user') {
    throw new AppError('invalid_token', { reason: 'userinfo_for_application' });
  }
  const user = await findUserById(c.var.services.db(), principal.id);
  if (!user) {
    throw new AppError('invalid_token', { reason: 'user_gone' });
  }
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;
  return c.json(
    {
      sub: user.id,
      name,
      preferredUsername: user.username,
      email: user.email,
      emailVerified: false,
    },
    200,
    { 'Cache-Control': 'no-store' },
  );
});
