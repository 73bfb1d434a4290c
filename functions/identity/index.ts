import { createApp } from '../../shared/http/app.js';
import { bumpEpochOnChange } from './http/epoch.js';
import { applicationCredentials } from './routes/application-credentials.js';
import { applications } from './routes/applications.js';
import { auditEvents } from './routes/audit-events.js';
import { groups } from './routes/groups.js';
import { openapi } from './routes/openapi.js';
import { roles } from './routes/roles.js';
import { userLifecycle } from './routes/user-lifecycle.js';
import { userPasswords } from './routes/user-passwords.js';
import { users } from './routes/users.js';

/** The identity function: users, groups, roles, applications and audit events. */
const app = createApp('identity');
app.use('/v1/*', bumpEpochOnChange);

app.route('/', openapi);
app.route('/', users);
app.route('/', userPasswords);
app.route('/', userLifecycle);
app.route('/', groups);
app.route('/', roles);
app.route('/', applications);
app.route('/', applicationCredentials);
app.route('/', auditEvents);

export default app;
