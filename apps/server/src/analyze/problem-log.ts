// Reports what the reader could not use, on stderr: rejected lines and decoder warnings with
// file:line (the first few of each, then a count), and the non-tweet records skipped, by kind.
import type { LineReadError } from '../files/index.js';
import type { LineProblem } from '../sources/replay/index.js';

export const MAX_LISTED_PROBLEMS = 20;

export class ProblemLog {
  private readonly seen = { rejected: 0, warning: 0 };
  private readonly notices = new Map<string, number>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly limit = MAX_LISTED_PROBLEMS,
  ) {}

  readonly report = (problem: LineProblem): void => {
    if (problem.kind === 'notice') {
      const kind = problem.notice ?? 'other';
      this.notices.set(kind, (this.notices.get(kind) ?? 0) + 1);
      return;
    }
    const n = ++this.seen[problem.kind];
    if (n <= this.limit) this.write(`${problem.file}:${problem.line}: ${problem.kind}: ${problem.message}`);
  };

  /** The reader's message names the file and the last line read; what came before is analysed. */
  readonly readError = (error: LineReadError): void => {
    this.write(error.message);
  };

  /** The counts beyond the listed ones and the skipped records; call once at the end. */
  finish(): void {
    for (const kind of ['rejected', 'warning'] as const) {
      const more = this.seen[kind] - this.limit;
      const noun = kind === 'rejected' ? 'rejected lines' : 'lines with warnings';
      if (more > 0)
        this.write(
          `... and ${more.toLocaleString('en')} more ${noun} (${this.seen[kind].toLocaleString('en')} in all)`,
        );
    }
    if (this.notices.size > 0) {
      const total = [...this.notices.values()].reduce((a, b) => a + b, 0);
      const kinds = [...this.notices].map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`).join(', ');
      this.write(`skipped ${total.toLocaleString('en')} records that are not tweets (${kinds})`);
    }
  }
}
