import { Keyring, parseKeyringBackend, type PassphraseProvider } from "../keys/keyring";
import { checkPassphrase } from "../keys/armor";
import { resolveKeyringBackend } from "./context";
import type { Io } from "./io";

/** The environment variable that supplies the file keyring's passphrase (scripts, CI). */
export const PASSPHRASE_ENV = "PLUMED_KEYRING_PASSPHRASE";

/**
 * The keyring passphrase: $PLUMED_KEYRING_PASSPHRASE if set; otherwise asked as simd asks
 * (prompted with echo off on a terminal, read as the next stdin line otherwise); a new keyring's
 * passphrase is asked twice unless it comes from the environment.
 */
export function keyringPassphrase(io: Io): PassphraseProvider {
  return async ({ create, attempt }) => {
    const fromEnv = io.env[PASSPHRASE_ENV];
    if (fromEnv !== undefined && fromEnv !== "") {
      checkPassphrase(fromEnv, `the keyring passphrase (${PASSPHRASE_ENV})`);
      return fromEnv;
    }
    if (attempt > 1) io.err("incorrect passphrase\n");
    const prompt = create ? "Enter keyring passphrase (a new keyring):" : `Enter keyring passphrase (attempt ${attempt}/3):`;
    const passphrase = await io.ask(prompt, { secret: true });
    if (passphrase === undefined) {
      throw new Error(`the file keyring needs a passphrase: none on stdin (pipe it in, or set ${PASSPHRASE_ENV})`);
    }
    checkPassphrase(passphrase, "the keyring passphrase");
    if (create) {
      const again = await io.ask("Re-enter keyring passphrase:", { secret: true });
      if (again !== passphrase) throw new Error("the keyring passphrases do not match");
    }
    return passphrase;
  };
}

export function openKeyring(io: Io, home: string, backendFlag: string | undefined): Keyring {
  const backend = parseKeyringBackend(resolveKeyringBackend(home, backendFlag));
  const fromEnv = io.env[PASSPHRASE_ENV];
  return new Keyring({
    home,
    backend,
    passphrase: keyringPassphrase(io),
    maxAttempts: io.interactive && (fromEnv === undefined || fromEnv === "") ? 3 : 1,
  });
}
