import { createApp } from '../../shared/http/app.js';
import { token } from './routes/token.js';

/** The auth function: token issuance, revocation, introspection, keys and decisions. */
const app = createApp('auth');
app.route('/', token);

export default app;
