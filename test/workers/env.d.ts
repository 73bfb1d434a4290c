import type { Env as WorkerEnv } from '../../shared/env.js';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      PASSWORD_PEPPER_ID: string;
      TEST_CONTROL_URL: string;
      TEST_ADMIN_PASSWORD: string;
      TEST_CONSOLE_CLIENT_ID: string;
      TEST_CONSOLE_CLIENT_SECRET: string;
    }
  }
}
