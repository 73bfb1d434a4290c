import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

const GENERATE = /^generate:(base64|base64url):(\d+)$/;

/**
 * Returns the local settings: `.dev.vars`, created from `.dev.vars.example` with fresh random
 * secrets when it is missing, then overridden by environment variables of the same names.
 */
export function loadDevVars(
  file: string,
  example: string,
  env: NodeJS.ProcessEnv,
): { vars: Record<string, string>; created: boolean } {
  let created = false;
  if (!existsSync(file)) {
    writeFileSync(file, fillSecrets(readFileSync(example, 'utf8')), { mode: 0o600 });
    created = true;
  }

  const fromFile = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(fromFile)) {
    vars[name] = env[name] ?? value;
  }
  return { vars, created };
}

/** Replaces each `generate:<encoding>:<bytes>` value with that many random bytes. */
export function fillSecrets(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const [name, value] = splitAssignment(line);
      const match = value === undefined ? null : GENERATE.exec(value);
      if (!name || !match) {
        return line;
      }
      const encoding = match[1] as 'base64' | 'base64url';
      return `${name}=${randomBytes(Number(match[2])).toString(encoding)}`;
    })
    .join('\n');
}

/** Writes `vars` as a dotenv file readable by `wrangler dev --env-file`. */
export function writeEnvFile(file: string, vars: Record<string, string>): void {
  const lines = Object.entries(vars).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

function splitAssignment(line: string): [string | undefined, string | undefined] {
  if (line.startsWith('#')) {
    return [undefined, undefined];
  }
  const index = line.indexOf('=');
  return index > 0 ? [line.slice(0, index), line.slice(index + 1)] : [undefined, undefined];
}
