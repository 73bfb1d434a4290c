import type { Context } from 'hono';
import { AppError } from '../../../shared/errors.js';

/** Longest value of any single form parameter we accept. */
export const MAX_PARAMETER = 4096;

/**
 * Reads the named parameters of an `application/x-www-form-urlencoded` body. A parameter must
 * not repeat (RFC 6749 §3.2, RFC 7009 §2.1, RFC 7662 §2.1); others are ignored; empty values
 * count as absent.
 */
export function parseForm<Name extends string>(
  contentType: string | undefined,
  body: string,
  names: readonly Name[],
): Partial<Record<Name, string>> {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('invalid_request', {
      reason: 'content_type',
      message: 'This endpoint takes application/x-www-form-urlencoded.',
    });
  }

  const params = new URLSearchParams(body);
  const values: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const all = params.getAll(name);
    if (all.length > 1) {
      throw new AppError('invalid_request', {
        reason: `repeated_${name}`,
        message: `Parameter ${name} is repeated.`,
      });
    }
    const [value] = all;
    if (value !== undefined && value.length > MAX_PARAMETER) {
      throw new AppError('invalid_request', { reason: `oversized_${name}` });
    }
    if (value !== undefined && value.includes('\u0000')) {
      throw new AppError('invalid_request', { reason: `nul_in_${name}` });
    }
    if (value !== undefined && value !== '') {
      values[name] = value;
    }
  }
  return values;
}

/**
 * The raw body as UTF-8 text (form bodies are ASCII after percent-encoding). Read as bytes:
 * workerd warns when `.text()` is called on a form-encoded body.
 */
export async function readBodyText(c: Context): Promise<string> {
  return new TextDecoder().decode(await c.req.arrayBuffer());
}
