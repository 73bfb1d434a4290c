import type { Env } from '../../shared/env.js';

declare global {
  namespace Cloudflare {
    interface Env extends import('../../shared/env.js').Env {
      PASSWORD_PEPPER_ID: string;
      TEST_CONTROL_URL: string;
      TEST_ADMIN_PASSWORD: string;
      TEST_CONSOLE_CLIENT_ID: string;
      TEST_CONSOLE_CLIENT_SECRET: string;
    }
  }
}

export type { Env };
