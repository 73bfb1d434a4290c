/**
 * Runs at most one `work` per key at a time: callers arriving while it runs share its result
 * (or its failure). Bounded by the number of calls in flight.
 */
export function createSingleFlight<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key, work) => {
    const running = inFlight.get(key);
    if (running) {
      return running;
    }
    const started = work().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
