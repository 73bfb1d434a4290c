import type { Context } from 'hono';
import type { AppEnv } from '../../../shared/http/context.js';
import type { ClientRecord } from '../../../shared/store/clients.js';
import { authenticateClient } from './authenticate-client.js';
import { presentedClient } from './client-auth.js';
import { parseForm, readBodyText } from './form.js';

/**
 * The shared first steps of RFC 7009 §2.1 and RFC 7662 §2.1: read the form (`token`,
 * `token_type_hint`, body credentials) and authenticate the calling client.
 */
export async function readTokenForm(
  c: Context<AppEnv>,
  now: Date,
): Promise<{ token: string | undefined; client: ClientRecord }> {
  const form = parseForm(c.req.header('Content-Type'), await readBodyText(c), [
    'token',
    'token_type_hint',
    'client_id',
    'client_secret',
  ]);
  const presented = presentedClient(c.req.header('Authorization'), {
    clientId: form.client_id,
    clientSecret: form.client_secret,
  });
  const client = await authenticateClient(c.var.services, presented, now);
  return { token: form.token, client };
}
