import { createApp } from '../../shared/http/app.js';

/** The auth function: token issuance, revocation, introspection, keys and decisions. */
const app = createApp('auth');

export default app;
