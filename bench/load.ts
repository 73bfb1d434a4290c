/** What a closed-loop run observed. */
export interface LoadResult {
  /** Wall seconds from the first request to the last answer. */
  seconds: number;
  ok: number;
  /** Non-200 answers by status (or label); 0 stands for a network error. */
  failures: Record<string, number>;
  /** Latencies of the 200s, in milliseconds. */
  latenciesMs: number[];
}

export interface LoadOptions {
  /** Requests kept in flight, each loop sending its next request when the last one answered. */
  loops: number;
  seconds: number;
  /** A hard ceiling on requests across all loops, whatever the clock says. */
  maxRequests: number;
  /**
   * Sends one request for loop `index`; returns the HTTP status, or a label for an answer that
   * is not the expected one. Only 200 counts as a success.
   */
  send: (index: number) => Promise<number | string>;
  /** Runs before each request of loop `index`, outside its latency. */
  prepare?: (index: number) => Promise<void>;
  /** Stops every loop before its next request. */
  signal: AbortSignal;
}

/** Runs `loops` request loops in parallel until `seconds` pass or `maxRequests` are sent. */
export async function runClosedLoop(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { seconds: 0, ok: 0, failures: {}, latenciesMs: [] };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let sent = 0;

  const loop = async (index: number) => {
    while (performance.now() < deadline && sent < options.maxRequests && !options.signal.aborted) {
      sent++;
      const prepared = await options.prepare?.(index).then(
        () => true,
        () => false,
      );
      if (prepared === false) {
        result.failures.prepare = (result.failures.prepare ?? 0) + 1;
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const before = performance.now();
      const status = await options.send(index).catch((): number | string => 0);
      if (status === 200) {
        result.ok++;
        result.latenciesMs.push(performance.now() - before);
        continue;
      }
      result.failures[status] = (result.failures[status] ?? 0) + 1;
      // A request that fails at once would otherwise spin in microtasks and starve timers.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: options.loops }, (_, index) => loop(index)));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** The `p`-th percentile (0..100) by nearest rank; NaN when there is nothing to rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
