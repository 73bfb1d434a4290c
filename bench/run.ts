import { cpus, loadavg } from 'node:os';
import { startAuthWorker } from './auth-worker.js';
import { authorizeBench } from './authorize-bench.js';
import { authorizeTargetsMet } from './authorize-report.js';
import { loadBenchConfig, TARGETS, TOKEN_RATE_LIMIT_PER_MINUTE } from './config.js';
import { measureFloor } from './floor.js';
import { formClient } from './http.js';
import { clientCredentialsPhase, refreshPhase } from './phases.js';
import { formatReport, phaseFigures, type BenchResults } from './report.js';
import { startStack } from './stack.js';
import { Teardown } from './teardown.js';
import { dismissWatchdog } from './watchdog.js';
import { survivors } from './wrangler.js';

/**
 * `npm run bench`: starts its own stack on free ports in a temporary folder, measures the
 * floor, the auth worker's token endpoint and `/v1/authorize`, and lib-auth's offline check,
 * prints the figures, and takes everything down again, also on Ctrl-C or an error. Settings:
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONCURRENCY, BENCH_CHAINS, BENCH_SIGN_ITERATIONS,
 * BENCH_DIGEST_ITERATIONS, BENCH_VERIFY_ITERATIONS and BENCH_INSPECTOR=1 (the auth worker under the wrangler dev CLI, devtools inspector attached).
 */
const teardown = new Teardown();
const aborted = new AbortController();
const startedAt = performance.now();

/** Reports the next step, unless Ctrl-C came: then the run stops here. */
function progress(text: string): void {
  if (aborted.signal.aborted) {
    throw new Error('interrupted');
  }
  say(text);
}

function say(text: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`[bench ${seconds} s] ${text}\n`);
}

async function main(): Promise<void> {
  const config = loadBenchConfig(process.env);
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    loadAverage: loadavg(),
    node: process.version,
  };

  progress('starting Postgres, Redis, the ws proxy and the cache bridge; migrating; seeding');
  const stack = await startStack(teardown);
  progress('measuring the floor in workerd');
  const floor = await measureFloor(config, stack.scratch, teardown);
  progress(
    `starting the auth worker (${config.inspector ? 'wrangler dev --env auth' : 'worker-host.ts'})`,
  );
  const auth = await startAuthWorker(stack, config, teardown);
  const http = formClient(auth.url, Math.max(config.concurrency, config.chains));
  teardown.add('http client', () => http.close());
  const roots = { auth: { pid: auth.pid, port: auth.port }, services: stack.servicesPid };
  const context = { http, config, roots, signal: aborted.signal };

  progress(`client_credentials: ${config.concurrency} in flight for ${config.seconds} s`);
  const cc = phaseFigures(await clientCredentialsPhase(context, stack.fixtures.machine));
  progress(`refresh: ${config.chains} chains for ${config.seconds} s`);
  const consoleClient = {
    clientId: stack.seed.consoleClientId,
    clientSecret: stack.seed.consoleClientSecret,
  };
  const refresh = phaseFigures(await refreshPhase(context, consoleClient, stack.fixtures.user));
  const authorize = await authorizeBench(context, { stack, authUrl: auth.url, progress });

  const totalMicros = floor.signMicros + floor.digestMicros;
  const results: BenchResults = {
    machine,
    settings: { ...config, tokenRateLimitPerMinute: TOKEN_RATE_LIMIT_PER_MINUTE },
    floor: { ...floor, totalMicros },
    clientCredentials: cc,
    refresh,
    authorize,
    targets: {
      ...TARGETS,
      clientCredentialsMet: cc.perSecond >= TARGETS.clientCredentialsPerSecond,
      cpuPerTokenMet: cc.workerCpuMicrosPerOp <= TARGETS.cpuPerTokenOverFloor * totalMicros,
      ...authorizeTargetsMet(authorize),
    },
  };
  process.stdout.write(`\n${formatReport(results)}\n\n${JSON.stringify(results)}\n\n`);
}

let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    aborted.abort();
    say('tearing down');
    for (const failure of await teardown.run()) {
      say(`teardown step failed: ${failure}`);
    }
    const left = await settled(survivors, 3_000);
    say(left.length === 0 ? 'all processes stopped' : `still running: ${left.join(', ')}`);
    say(`done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    await dismissWatchdog();
    process.exit(code);
  }
  return new Promise<never>(() => {});
}

/** Polls `list` until it is empty or `timeoutMs` passes: killed processes take a moment to go. */
async function settled(list: () => string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = list();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = list();
  }
  return left;
}

process.on('SIGINT', () => {
  if (!stopping) {
    say('interrupted');
  }
  void stop(130);
});
process.on('SIGTERM', () => void stop(143));

main().then(
  () => stop(0),
  (error: unknown) => {
    if (aborted.signal.aborted) {
      return stop(130); // interrupted: the error is only the teardown pulling the rug
    }
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return stop(1);
  },
);
