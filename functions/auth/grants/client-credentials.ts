import { enqueueAudit } from '../../../shared/audit/queue.js';
import { clientKey } from '../../../shared/cache/keys.js';
import { authenticateClient } from '../token/authenticate-client.js';
import { mintApplicationToken, type IssuedTokens } from '../token/mint.js';
import { limitTokenRequests } from '../token/rate-limit.js';
import { grantScope } from '../token/scope.js';
import { auditEvent, type GrantContext } from './context.js';

/** RFC 6749 §4.4: an application's own access token; no refresh token (§4.4.3). */
export async function clientCredentialsGrant(context: GrantContext): Promise<IssuedTokens> {
  const { services, request, now } = context;

  // One cache round trip counts the request and reads the cached client record.
  const clientId = request.client?.clientId ?? '';
  const peeked = await limitTokenRequests(services, context.ip, clientId, now, clientKey(clientId));
  const client = await authenticateClient(services, request.client, now, { peeked });

  const scope = grantScope(request.scope, '');
  const issued = await mintApplicationToken(services, { client, scope, now });

  // The hot path of M2M traffic: audited through the batching queue, not a write per token.
  const event = auditEvent(
    context,
    'token.issued',
    { type: 'application', id: client.id },
    {
      target: { type: 'application', id: client.id },
      details: { grantType: 'client_credentials', clientId: client.clientId },
    },
  );
  enqueueAudit(services, event, now);
  return issued;
}
