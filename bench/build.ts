/** Makes sure `dist/` is built from the current sources before the service is started. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the build reads besides `server/src`. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/**
 * Runs `npm run build` when `dist/main.js` is missing, when a file it is built from is newer
 * than everything in `dist/` (the build is incremental: it rewrites only what changed, and
 * its build-info file), or when `force` is set. Returns whether it built.
 */
export async function ensureBuilt(force: boolean): Promise<boolean> {
  const dist = path.join(ROOT, 'dist');
  const builtAt = modifiedAt(path.join(dist, 'main.js')) === 0 ? 0 : newestIn(dist);
  const isStale =
    builtAt === 0 ||
    newestIn(path.join(ROOT, 'server/src')) > builtAt ||
    BUILD_INPUTS.some((file) => modifiedAt(path.join(ROOT, file)) > builtAt);
  if (!force && !isStale) return false;

  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--silent'], {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`npm run build failed (exit code ${code})`);
  return true;
}

function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    // Missing: never built (for the output) or not part of this checkout (for an input).
    return 0;
  }
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, modifiedAt(path.join(entry.parentPath, entry.name)));
    }
  }
  return newest;
}
