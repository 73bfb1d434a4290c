import type { BenchConfig } from './config.js';
import { cpuDelta, sampleCpu, type CpuRoots } from './cpu.js';
import { basicAuth, type FormClient } from './http.js';
import { runClosedLoop, type LoadResult } from './load.js';

/** What every phase runs with. */
export interface PhaseContext {
  http: FormClient;
  config: BenchConfig;
  roots: CpuRoots;
  /** Aborted on Ctrl-C: the loops stop sending at once. */
  signal: AbortSignal;
}

/** Client credentials as HTTP Basic wants them. */
export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** A measured phase: the load result and the CPU each part spent during it. */
export interface PhaseResult {
  load: LoadResult;
  cpuMicros: Map<string, number>;
}

/** Far above what a 10 s phase can send; only a guard against a runaway loop. */
const MAX_REQUESTS = 2_000_000;

/** client_credentials at a fixed concurrency: HTTP Basic, form body (RFC 6749 §4.4.2). */
export async function clientCredentialsPhase(
  context: PhaseContext,
  machine: Credentials,
): Promise<PhaseResult> {
  const headers = basicAuth(machine.clientId, machine.clientSecret);
  const form = { grant_type: 'client_credentials' };
  const send = async () => (await context.http.post('/oauth/token', form, headers)).status;
  return measure(context, context.config.concurrency, send);
}

/**
 * Refresh chains: each signs in once with the password grant (the seeded first-party console),
 * then refreshes one after another, always with the newest refresh token (RFC 6749 §6). A failed
 * refresh (the chain is dead) signs the chain in again; that sign-in is not counted.
 */
export async function refreshPhase(
  context: PhaseContext,
  consoleClient: Credentials,
  user: { username: string; password: string },
): Promise<PhaseResult> {
  const { http } = context;
  const headers = basicAuth(consoleClient.clientId, consoleClient.clientSecret);
  const signIn = async () => {
    const form = { grant_type: 'password', username: user.username, password: user.password };
    const answer = await http.post('/oauth/token', form, headers);
    return refreshTokenOf(answer.status, answer.body, 'password grant');
  };
  const chains = await Promise.all(Array.from({ length: context.config.chains }, signIn));

  const send = async (index: number) => {
    const form = { grant_type: 'refresh_token', refresh_token: chains[index] ?? '' };
    const answer = await http.post('/oauth/token', form, headers);
    chains[index] =
      answer.status === 200
        ? refreshTokenOf(answer.status, answer.body, 'refresh')
        : await signIn();
    return answer.status;
  };
  return measure(context, context.config.chains, send);
}

/** A warm-up run whose results are dropped, then the measured run between two CPU samples. */
async function measure(
  context: PhaseContext,
  loops: number,
  send: (index: number) => Promise<number>,
): Promise<PhaseResult> {
  const { config, roots, signal } = context;
  const common = { loops, maxRequests: MAX_REQUESTS, send, signal };
  await runClosedLoop({ ...common, seconds: config.warmupSeconds });
  const before = sampleCpu(roots);
  const load = await runClosedLoop({ ...common, seconds: config.seconds });
  return { load, cpuMicros: cpuDelta(before, sampleCpu(roots)) };
}

function refreshTokenOf(status: number, body: string, what: string): string {
  const parsed = status === 200 ? (JSON.parse(body) as { refresh_token?: unknown }) : undefined;
  if (typeof parsed?.refresh_token !== 'string') {
    throw new Error(`${what} answered ${status}: ${body.slice(0, 200)}`);
  }
  return parsed.refresh_token;
}
