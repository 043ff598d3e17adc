/**
 * The server's field formats (server/src/modules/identity/identity.rules.ts), checked
 * in the form first so that mistakes show before a round trip.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,32}$/;
export const CN_MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const EMPLOYEE_NO_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const ROLE_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** The select value standing for "every site" (the API's siteId null). */
export const ALL_SITES = '__all__';

/** At least 8 characters with letters and digits, at most 200. */
export function isStrongPassword(password: string): boolean {
  return password.length >= 8 && password.length <= 200 && /[A-Za-z]/.test(password) && /\d/.test(password);
}

// no 0/O, 1/l/I: the password is read out or typed from a note
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** A random temporary password of `length` characters with letters and digits. */
export function generatePassword(length = 12): string {
  const all = LETTERS + DIGITS;
  const random = new Uint32Array(length);
  crypto.getRandomValues(random);
  const chars = Array.from(random, (n) => all[n % all.length] as string);
  // guarantee both kinds at two random positions
  const [a = 0, b = 1] = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n % length);
  chars[a] = LETTERS[(random[0] ?? 0) % LETTERS.length] as string;
  chars[b === a ? (a + 1) % length : b] = DIGITS[(random[1] ?? 0) % DIGITS.length] as string;
  return chars.join('');
}

/** The module part of `module:action`. */
export const moduleOf = (permission: string) => permission.split(':')[0] ?? permission;
