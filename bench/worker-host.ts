import { unstable_startWorker } from 'wrangler';
import { required, runChild, stopWithParent } from './child.js';

/**
 * Child process for the default run (inspector off): the auth worker through wrangler's
 * dev-server API, the same bundling, Miniflare and workerd as `wrangler dev --env auth`, but with the devtools
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

  stopWithParent(() => worker.dispose());
}

runChild(main);
