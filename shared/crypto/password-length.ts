import { utf8 } from './encoding';

/** Fewest characters (Unicode code points) a password may have. */
export const PASSWORD_MIN_CHARACTERS = 12;

/** Most characters (Unicode code points) a password may have. */
export const PASSWORD_MAX_CHARACTERS = 256;

/** Most UTF-8 bytes a password may have; bounds the work of hashing it (SPEC §2.5). */
export const PASSWORD_MAX_BYTES = 256;

/** Why a password's length is refused; `too_short` is the compat `IDE-0020`. */
export type PasswordLengthReason = 'too_short' | 'too_long';

/** Outcome of `checkPasswordLength`. */
export type PasswordLengthCheck = { ok: true } | { ok: false; reason: PasswordLengthReason };

/** Checks a password is 12–256 characters and at most 256 UTF-8 bytes; call before hashing. */
export function checkPasswordLength(password: string): PasswordLengthCheck {
  // Every UTF-16 unit encodes to at least one UTF-8 byte: refuse huge input before encoding it.
  if (password.length > PASSWORD_MAX_BYTES) {
    return { ok: false, reason: 'too_long' };
  }

  if (utf8(password).length > PASSWORD_MAX_BYTES) {
    return { ok: false, reason: 'too_long' };
  }

  // A code point takes 1–4 UTF-8 bytes, so the byte cap also keeps characters within 256.
  if ([...password].length < PASSWORD_MIN_CHARACTERS) {
    return { ok: false, reason: 'too_short' };
  }

  return { ok: true };
}
