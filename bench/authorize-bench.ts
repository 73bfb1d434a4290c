import {
  authorizeColdPhase,
  authorizeFigures,
  authorizeWarmPhase,
  COLD_METHOD,
  issueTokens,
  type AuthorizeSetup,
} from './authorize.js';
import type { AuthorizeResults } from './authorize-report.js';
import { offlineVersusBareVerify } from './offline-check.js';
import type { PhaseContext } from './phases.js';
import type { BenchStack } from './stack.js';

/** What the issue #5 phases need besides the phase context. */
export interface AuthorizeBenchInput {
  stack: BenchStack;
  authUrl: string;
  progress: (text: string) => void;
}

/**
 * Issue #5: `/v1/authorize` warm, then cold (the cold phase bumps the epoch, so it goes last of
 * the two), then lib-auth's offline check next to a bare jose verification.
 */
export async function authorizeBench(
  context: PhaseContext,
  { stack, authUrl, progress }: AuthorizeBenchInput,
): Promise<AuthorizeResults> {
  const { config } = context;
  const setup: AuthorizeSetup = {
    consoleClient: {
      clientId: stack.seed.consoleClientId,
      clientSecret: stack.seed.consoleClientSecret,
    },
    user: stack.fixtures.user,
    databaseUrl: stack.databaseUrl,
    redisUrl: stack.redisUrl,
  };

  progress(`authorize, warm: one token, ${config.concurrency} in flight for ${config.seconds} s`);
  const warm = authorizeFigures(await authorizeWarmPhase(context, setup));
  progress(`authorize, warm: one token, 1 in flight for ${config.seconds} s (latency)`);
  const warmSerial = authorizeFigures(await authorizeWarmPhase(context, setup, 1));
  progress(`authorize, cold: a token per loop, epoch bumped before each request`);
  const cold = authorizeFigures(await authorizeColdPhase(context, setup));

  progress(`lib-auth offline check vs bare jwtVerify: ${config.verifyIterations} calls each`);
  const [token] = await issueTokens(context.http, setup, 1);
  const offline = await offlineVersusBareVerify(
    authUrl,
    token ?? '',
    config.verifyIterations,
    context.signal,
  );
  return {
    concurrency: config.concurrency,
    coldMethod: COLD_METHOD,
    warm,
    warmSerial,
    cold,
    offline,
  };
}
