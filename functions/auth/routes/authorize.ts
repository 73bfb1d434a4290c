import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { decisionContext, type DecisionContext } from '../../../shared/authz/context.js';
import { AppError } from '../../../shared/errors.js';
import { extractToken } from '../../../shared/http/bearer.js';
import type { AppEnv, Services } from '../../../shared/http/context.js';
import { isAllowed, permissionMap } from '../../../shared/policy/evaluate.js';
import { matchSubject, parseSubject } from '../../../shared/policy/subject.js';
import { subjectExists } from '../../../shared/store/principals.js';
import { readJson } from './token.js';

export const authorize = new Hono<AppEnv>();

export const decisionName = z.string().min(1).max(128);
const name = decisionName;
export const decisionRequest = z.strictObject({
  sub: z
    .string()
    .min(1)
    .max(256)
    .describe('`<owner>/<userId>` for a person (with `product`), or `admin/<product>-editor-role`'),
  resource: name,
  action: name,
  product: name.optional(),
});

/**
 * Compat decision (SPEC §3.4, COMPAT.md: what the Go lib-auth v2 sends). The token comes as
 * `Bearer <t>` or raw. A denial is `200 {authorized: false}`; a subject that names nobody is
 * 404 AUT-1015; a subject naming someone else than the token's principal is a denial.
 */
authorize.post('/v1/authorize', async (c) => {
  const services = c.var.services;
  const now = new Date();
  const context = await callerContext(services, c.req.header('Authorization'), now);

  const parsed = decisionRequest.safeParse(await readJson(c));
  if (!parsed.success) {
    const unexpected = parsed.error.issues.some((issue) => issue.code === 'unrecognized_keys');
    const missing = parsed.error.issues.some((issue) => issue.input === undefined);
    throw new AppError(
      unexpected ? 'unexpected_fields' : missing ? 'missing_fields' : 'invalid_field',
      {
        reason: 'authorize_body_invalid',
      },
    );
  }
  const { sub, resource, action } = parsed.data;

  const subject = parseSubject(sub);
  if (!subject) {
    throw new AppError('subject_not_found', { reason: 'subject_unparsable' });
  }
  const mismatch = matchSubject(subject, {
    principal: context.principal,
    owner: context.claims.owner,
    roleNames: context.roleNames,
  });
  if (mismatch === 'other_principal' && subject.form === 'person') {
    if (!(await subjectExists(services.db(), subject.id))) {
      throw new AppError('subject_not_found', { reason: 'subject_unknown' });
    }
  }

  const product = subject.form === 'legacy-application' ? subject.product : parsed.data.product;
  const authorized =
    mismatch === undefined &&
    product !== undefined &&
    isAllowed(context.permissions, {
      product,
      resource: resource.toLowerCase(),
      action: action.toLowerCase(),
    });
  if (mismatch) {
    services.log.info('authorize_subject_mismatch', { reason: mismatch });
  }
  return c.json({ authorized, timestamp: now.toISOString() }, 200, { 'Cache-Control': 'no-store' });
});

/** Compat: the console's permission map for the token's principal, optionally per product. */
authorize.get('/v1/permissions', permissions);
authorize.get('/v1/permissions/', permissions);

async function permissions(c: Context<AppEnv>): Promise<Response> {
  const query = c.req.queries();
  const unknown = Object.keys(query).some((key) => key !== 'product');
  const products = query.product ?? [];
  const product = products[0];
  if (
    unknown ||
    products.length > 1 ||
    (product !== undefined && !name.safeParse(product).success)
  ) {
    throw new AppError('invalid_query', { reason: 'permissions_query_invalid' });
  }
  const context = await callerContext(c.var.services, c.req.header('Authorization'), new Date());
  return c.json(permissionMap(context.permissions, product), 200, { 'Cache-Control': 'no-store' });
}

async function callerContext(
  services: Services,
  authorization: string | undefined,
  now: Date,
): Promise<DecisionContext> {
  if (authorization && authorization.length > 8192) {
    throw new AppError('invalid_token', { reason: 'authorization_too_long' });
  }
  const token = extractToken(authorization, true);
  if (!token) {
    throw new AppError(authorization ? 'invalid_token' : 'token_missing', { reason: 'no_token' });
  }
  const result = await decisionContext(services, token, now);
  if (!result.ok) {
    throw new AppError('invalid_token', { reason: result.reason });
  }
  return result.context;
}
