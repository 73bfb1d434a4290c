import { drainAuditQueue } from '../../shared/audit/queue.js';
import type { Env } from '../../shared/env.js';
import { createApp } from '../../shared/http/app.js';
import { buildServices } from '../../shared/http/services.js';
import { authorize } from './routes/authorize.js';
import { discovery } from './routes/discovery.js';
import { introspect } from './routes/introspect.js';
import { logout } from './routes/logout.js';
import { openapi } from './routes/openapi.js';
import { revoke } from './routes/revoke.js';
import { token } from './routes/token.js';
import { userinfo } from './routes/userinfo.js';

const TOKEN_PATHS = [
  '/oauth/token',
  '/v1/login/oauth/access_token',
  '/v1/login/oauth/refresh_token',
];

/** The auth function: token issuance, revocation, introspection, keys and decisions. */
export const app = createApp('auth', {
  oversizedIsInvalidRequest: (path) => TOKEN_PATHS.includes(path),
});
app.route('/', token);
app.route('/', introspect);
app.route('/', revoke);
app.route('/', logout);
app.route('/', userinfo);
app.route('/', discovery);
app.route('/', authorize);
app.route('/', openapi);

/** Cron (wrangler.toml `[triggers]`): moves queued audit events to Postgres. */
async function scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
  const { services, close } = buildServices(env, {
    service: 'auth',
    requestId: `cron-${crypto.randomUUID()}`,
    waitUntil: (work) => ctx.waitUntil(work),
  });
  try {
    let moved = 0;
    for (let round = 0; round < 20; round++) {
      const batch = await drainAuditQueue(services);
      moved += batch;
      if (batch === 0) {
        break;
      }
    }
    services.log.info('audit_queue_drained', { moved });
  } finally {
    close();
  }
}

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
