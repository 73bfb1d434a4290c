import { startBridge } from '../dev/bridge.js';
import { startWsProxy } from '../dev/ws-proxy.js';
import { required, runChild, stopWithParent } from './child.js';

/**
 * Child process of the bench: the WebSocket proxy and the Upstash bridge, out of the load
 * generator's event loop so neither slows the other and their CPU is counted apart. Reads
 * BENCH_POSTGRES (host:port), BENCH_REDIS_URL and BENCH_CACHE_TOKEN; prints one JSON line with
 * the addresses; stops on SIGTERM or when the parent closes stdin (so it never outlives it).
 */
async function main(): Promise<void> {
  const postgres = required('BENCH_POSTGRES');
  // Errors only (both log nothing per request); the parent shows them if the run fails.
  const log = (line: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(line)}\n`);
  const proxy = await startWsProxy({ allow: [postgres], log });
  const bridge = await startBridge({
    redisUrl: required('BENCH_REDIS_URL'),
    token: required('BENCH_CACHE_TOKEN'),
    log,
  });
  process.stdout.write(`${JSON.stringify({ proxy: proxy.address, bridge: bridge.url })}\n`);

  stopWithParent(() => Promise.allSettled([proxy.close(), bridge.close()]));
}

runChild(main);
