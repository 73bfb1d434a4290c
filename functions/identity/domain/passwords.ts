import { checkPasswordLength, pepperFromBase64 } from '../../../shared/crypto/password.js';
import type { PasswordHashingConfig } from '../../../shared/crypto/password.js';
import type { Config } from '../../../shared/config.js';
import { AppError } from '../../../shared/errors.js';

/** Refuses a new password outside 12–256 characters before any hashing (SPEC §4). */
export function assertPasswordLength(password: string, field: string): void {
  const check = checkPasswordLength(password);
  if (check.ok) {
    return;
  }
  if (check.reason === 'too_short') {
    throw new AppError('password_too_short', {
      reason: 'password_too_short',
      message: `${field} must have at least 12 characters.`,
    });
  }
  throw new AppError('invalid_field', {
    reason: 'password_too_long',
    message: `${field} must have at most 256 characters (256 bytes).`,
  });
}

/** The hashing configuration from the function's settings; no pepper is a server fault. */
export function passwordHashing(config: Config): PasswordHashingConfig {
  if (!config.passwordPepper) {
    throw new AppError('internal', { reason: 'password_pepper_missing' });
  }
  return { pepper: pepperFromBase64(config.passwordPepperId, config.passwordPepper) };
}
