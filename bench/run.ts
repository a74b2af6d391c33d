/**
 * `npm run bench`: starts Postgres, the receiver and the service, runs every phase, prints the
 * table and writes `bench/results/`. bench/README.md says what each figure means.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { assembleResults, chartOf } from './assemble.js';
import { Cleanup, describeError } from './cleanup.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { runPhases } from './phases.js';
import { formatProfileSummary, summarizeProfile } from './profile-summary.js';
import { Progress } from './progress.js';
import { formatTable, writeResults } from './report.js';

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (err: unknown) {
    process.stderr.write(`${describeError(err)}\n`);
    return 64; // EX_USAGE
  }

  const progress = new Progress();
  const cleanup = new Cleanup();
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: stopping the service, the receiver and Postgres\n');
    void cleanup.run().then(() => process.exit(130));
  });

  try {
    const outcomes = await runPhases(options, progress, cleanup);
    await cleanup.run();

    const { profileDir } = outcomes;
    const profiles = profileDir
      ? (await fs.readdir(profileDir))
          .filter((file) => file.endsWith('.cpuprofile'))
          .flatMap((file) => summarizeProfile(path.join(profileDir, file), outcomes.windows))
      : undefined;
    const duration = Math.round(progress.elapsedSeconds());
    const results = assembleResults(options, outcomes, duration, profiles);
    const files = await writeResults(results, chartOf(results, outcomes));

    progress.phase('done');
    process.stdout.write(`\n${formatTable(results)}\n`);
    for (const summary of results.profiles ?? []) {
      process.stdout.write(`\n${formatProfileSummary(summary)}\n`);
    }
    const written = files.map((f) => path.relative(process.cwd(), f)).join(', ');
    process.stdout.write(`\nwritten: ${written}\n`);
    if (results.ok) {
      await fs.rm(outcomes.logDir, { recursive: true, force: true });
    } else {
      process.stdout.write(`service logs: ${outcomes.logDir}\n`);
      process.stderr.write(
        'FAILED: a phase did not complete, a publish failed, or a delivery did not arrive verified\n',
      );
    }
    return results.ok ? 0 : 1;
  } catch (err: unknown) {
    process.stderr.write(`\nbench failed: ${describeError(err)}\n`);
    return 1;
  } finally {
    await cleanup.run();
  }
}

process.exitCode = await main();
