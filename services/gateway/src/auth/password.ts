import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id parameters: OWASP's first recommended set (19 MiB, 2 passes, 1 lane). The library's
 * default algorithm is Argon2id; the parameters are spelled out so a change is a visible diff.
 */
export const DEFAULT_PASSWORD_HASH_OPTIONS = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
});

/** Passwords shorter than this are refused when a user is created. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer inputs are refused before hashing, so a huge body cannot burn CPU. */
export const MAX_PASSWORD_LENGTH = 200;

/** Hashes a password with Argon2id; the result is a PHC string carrying salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, DEFAULT_PASSWORD_HASH_OPTIONS);
}

/** Whether `password` matches `passwordHash`; a malformed hash counts as no match. */
export async function verifyPassword(options: {
  passwordHash: string;
  password: string;
}): Promise<boolean> {
  try {
    return await verify(options.passwordHash, options.password);
  } catch {
    return false;
  }
}

// A real hash of a random password: verifying against it when the login is unknown takes as
// long as a real check, so response times do not reveal which logins exist.
let dummyHash: Promise<string> | undefined;

/** Spends the same time as {@link verifyPassword} and always answers false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword({ passwordHash: await dummyHash, password });
  return false;
}
