import { createApp } from '../../shared/http/app.js';

/** The identity function: users, groups, roles, applications and audit events. */
const app = createApp('identity');

export default app;
