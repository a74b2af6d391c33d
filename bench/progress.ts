/**
 * Progress on stderr while the bench runs: on a terminal one line that is rewritten, in a
 * log (CI) one line every few seconds. The table and the results go to stdout.
 */
const LOG_EVERY_MS = 3000;

/** Reports what the bench is doing. */
export class Progress {
  private readonly isTty = process.stderr.isTTY === true;
  private readonly startedAt = performance.now();
  private phaseName = '';
  private lastLogged = 0;
  private hasOpenLine = false;

  /** Starts a phase; its name prefixes later updates. */
  phase(name: string): void {
    this.closeLine();
    this.phaseName = name;
    this.write(`${this.clock()} ${name}`);
    this.closeLine();
  }

  /** A status within the current phase (throttled when stderr is not a terminal). */
  update(status: string): void {
    const line = `${this.clock()} ${this.phaseName}: ${status}`;
    if (this.isTty) {
      process.stderr.write(`\r\x1b[2K${line}`);
      this.hasOpenLine = true;
      return;
    }
    const now = performance.now();
    if (now - this.lastLogged >= LOG_EVERY_MS) {
      this.lastLogged = now;
      process.stderr.write(`${line}\n`);
    }
  }

  /** A line that always stays visible. */
  note(message: string): void {
    this.closeLine();
    this.write(`${this.clock()}   ${message}`);
    this.closeLine();
  }

  /** Seconds since the bench started. */
  elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  private write(text: string): void {
    process.stderr.write(text);
    this.hasOpenLine = true;
  }

  private closeLine(): void {
    if (this.hasOpenLine) process.stderr.write('\n');
    this.hasOpenLine = false;
  }

  private clock(): string {
    return `[${this.elapsedSeconds().toFixed(0).padStart(3)} s]`;
  }
}
