import { unstable_startWorker } from 'wrangler';

/**
 * Child process for the default run (inspector off): the auth worker through wrangler's dev-server API, the
 * same bundling, Miniflare and workerd as `wrangler dev --env auth`, but with the devtools
 * inspector off. Under the CLI the inspector is always attached, and wrangler forwards every
 * devtools message (several per subrequest) to its Node process: a dev-only cost on each token.
 * Reads BENCH_HOST_CONFIG, BENCH_HOST_VARS, BENCH_HOST_PORT and BENCH_HOST_PERSIST; stops on
 * SIGTERM or when stdin closes.
 */
async function main(): Promise<void> {
  const worker = await unstable_startWorker({
    config: required('BENCH_HOST_CONFIG'),
    env: 'auth',
    envFiles: [required('BENCH_HOST_VARS')],
    dev: {
      remote: false,
      inspector: false,
      watch: false,
      logLevel: 'warn',
      persist: required('BENCH_HOST_PERSIST'),
      server: { hostname: '127.0.0.1', port: Number(required('BENCH_HOST_PORT')) },
    },
  });
  await worker.ready;

  const stop = async () => {
    await worker.dispose().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The bench holds our stdin open; its end means the bench is gone.
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
