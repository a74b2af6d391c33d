import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Keys generated for an embedded installation, kept in its data folder. */
export interface LocalKeys {
  /** The platform's credential (`tlmp_platform_…`), used when `PLATFORM_API_KEY` is unset. */
  platformApiKey: string;
  /** Encrypts webhook secrets at rest, used when `WEBHOOKS_SECRET_KEY` is unset. */
  secretKey: string;
  /** True only when this call generated the keys and wrote the file. */
  created: boolean;
}

/** The outcome of {@link readOrCreateSecretFile}. */
export interface SecretFile {
  content: string;
  /** True only when this call wrote the file. */
  created: boolean;
}

const KEYS_FILE = 'keys.json';
const PLATFORM_KEY_PREFIX = 'tlmp_platform_';
const MIN_SECRET_KEY_LENGTH = 32;
const RESTORE_HINT =
  'restore it from a backup (deleting it generates new keys, and webhook secrets stored with the old key can no longer be read)';

/**
 * Reads the keys generated for an embedded installation from `<dataDir>/keys.json`, creating
 * them (mode 0600) on first use. Two processes starting at once end up with the same keys.
 */
export async function loadOrCreateLocalKeys(dataDir: string): Promise<LocalKeys> {
  const file = path.join(dataDir, KEYS_FILE);
  const { content, created } = await readOrCreateSecretFile(file, () => {
    const keys = {
      platformApiKey: PLATFORM_KEY_PREFIX + randomBytes(32).toString('base64url'),
      secretKey: randomBytes(32).toString('base64url'),
    };
    return `${JSON.stringify(keys, null, 2)}\n`;
  });
  return { ...parseKeys(file, content), created };
}

/**
 * Returns the content of a file that holds generated secrets, writing `generate()` to it
 * with mode 0600 when it does not exist yet. The file appears complete or not at all: it
 * is written to a temporary name and then hard-linked into place, so a process that loses
 * the race to create it reads the winner's content instead of a half-written file.
 */
export async function readOrCreateSecretFile(
  file: string,
  generate: () => string,
): Promise<SecretFile> {
  const existing = await readIfPresent(file);
  if (existing !== undefined) {
    return { content: existing, created: false };
  }

  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const content = generate();
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }

  try {
    // link() fails with EEXIST instead of replacing the file, unlike rename().
    await fs.link(temp, file);
    return { content, created: true };
  } catch (err: unknown) {
    if (!isErrnoException(err) || err.code !== 'EEXIST') {
      throw new Error(`Could not create ${file}`, { cause: err });
    }
    // Another process created the file first; its content is the one everybody uses.
    const winner = await readIfPresent(file);
    if (winner === undefined) {
      throw new Error(`${file} disappeared while it was being created`, { cause: err });
    }
    return { content: winner, created: false };
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** True when `err` is a Node.js system error carrying an errno `code`. */
export function isErrnoException(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err) && err.code === 'ENOENT') {
      return undefined;
    }
    throw new Error(`Could not read ${file}`, { cause: err });
  }
}

function parseKeys(file: string, content: string): Omit<LocalKeys, 'created'> {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err: unknown) {
    throw new Error(`${file} is not valid JSON; ${RESTORE_HINT}`, { cause: err });
  }
  const keys = value as Partial<Record<'platformApiKey' | 'secretKey', unknown>> | null;
  const platformApiKey = keys?.platformApiKey;
  const secretKey = keys?.secretKey;
  if (
    typeof platformApiKey !== 'string' ||
    !platformApiKey.startsWith(PLATFORM_KEY_PREFIX) ||
    typeof secretKey !== 'string' ||
    secretKey.length < MIN_SECRET_KEY_LENGTH
  ) {
    throw new Error(
      `${file} must hold "platformApiKey" (starting with ${PLATFORM_KEY_PREFIX}) and "secretKey" (at least ${MIN_SECRET_KEY_LENGTH} characters); ${RESTORE_HINT}`,
    );
  }
  return { platformApiKey, secretKey };
}
