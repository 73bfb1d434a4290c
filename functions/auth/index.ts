import { createApp } from '../../shared/http/app.js';
import { discovery } from './routes/discovery.js';
import { introspect } from './routes/introspect.js';
import { logout } from './routes/logout.js';
import { revoke } from './routes/revoke.js';
import { token } from './routes/token.js';
import { userinfo } from './routes/userinfo.js';

/** The auth function: token issuance, revocation, introspection, keys and decisions. */
const TOKEN_PATHS = [
  '/oauth/token',
  '/v1/login/oauth/access_token',
  '/v1/login/oauth/refresh_token',
];
const app = createApp('auth', { oversizedIsInvalidRequest: (path) => TOKEN_PATHS.includes(path) });
app.route('/', token);
app.route('/', introspect);
app.route('/', revoke);
app.route('/', logout);
app.route('/', userinfo);
app.route('/', discovery);

export default app;
