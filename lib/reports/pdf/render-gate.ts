// The bound on the PDF render queue. Renders run one at a time on the worker thread; without a
// bound, a burst of exports (or a script) queues without end, holds every report in memory and
// answers minutes late. The gate admits at most `limit` renders (the one running and those
// waiting) and refuses the rest at once with an estimate of when a place frees up: the render
// time seen so far times the renders ahead. Pure: the caller passes the clock.

export type GateTicket = { release(): void };
export type GateAnswer = { ok: true; ticket: GateTicket } | { ok: false; retryAfterSeconds: number; waiting: number };

/** Renders queued at once when READYROOM_PDF_QUEUE_LIMIT is not set. */
export const DEFAULT_PDF_QUEUE_LIMIT = 4;
/** The first estimate of one render, before any was measured. */
const FIRST_GUESS_MS = 3_000;

export class RenderGate {
  private inFlight = 0;
  private averageMs = FIRST_GUESS_MS;
  private measured = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`the PDF queue limit must be a whole number of at least 1, not ${limit}`);
  }

  get waiting(): number {
    return this.inFlight;
  }

  /** Seconds until one place should be free: the renders ahead, one after another. */
  retryAfterSeconds(): number {
    const ahead = Math.max(1, this.inFlight - this.limit + 1);
    return Math.max(1, Math.ceil((this.averageMs * ahead) / 1000));
  }

  enter(): GateAnswer {
    if (this.inFlight >= this.limit) return { ok: false, retryAfterSeconds: this.retryAfterSeconds(), waiting: this.inFlight };
    this.inFlight++;
    // Renders run one after another, so the wait of the n-th in line is about n renders.
    const position = this.inFlight;
    const started = this.now();
    let released = false;
    return {
      ok: true,
      ticket: {
        release: () => {
          if (released) return;
          released = true;
          this.inFlight--;
          // A moving average, so one slow render (a cold start) does not set the estimate for good.
          const took = Math.max(0, this.now() - started) / position;
          this.measured++;
          this.averageMs = this.measured === 1 ? took : 0.7 * this.averageMs + 0.3 * took;
        },
      },
    };
  }
}

/** READYROOM_PDF_QUEUE_LIMIT, checked: a clear error naming the variable when it is not a whole number ≥ 1. */
export function pdfQueueLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.READYROOM_PDF_QUEUE_LIMIT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_PDF_QUEUE_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`READYROOM_PDF_QUEUE_LIMIT must be a whole number from 1 to 1000, not "${raw}"`);
  return n;
}

/** Thrown when the queue is full; the route answers 503 with Retry-After. */
export class PdfBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`the PDF renderer is busy; try again in ${retryAfterSeconds} s`);
    this.name = "PdfBusyError";
  }

  /** Route bundles and the server bundle each compile this class: recognise it by shape. */
  static is(e: unknown): e is PdfBusyError {
    return e instanceof Error && e.name === "PdfBusyError" && typeof (e as PdfBusyError).retryAfterSeconds === "number";
  }
}
