// The one way errors reach the log. Database errors quote the query's arguments (a Prisma
// validation error prints the whole call, with display names and token hashes; PostgreSQL's
// detail repeats a duplicate key's value), so every quoted value is replaced before it is
// written. Names of models, fields and codes stay, which is what an operator needs.

const MAX_CAUSES = 3;

/** Replaces quoted values and `Key (col)=(value)` details in a message. */
export function redactText(text: string): string {
  return text
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "'…'")
    .replace(/=\((?:[^()\n]|\([^()\n]*\))*\)/g, "=(…)");
}

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; stack?: unknown; cause?: unknown; meta?: unknown };

function describe(e: unknown, depth: number): string {
  if (!(e instanceof Error) && (typeof e !== "object" || e === null)) return redactText(String(e));
  const err = e as ErrorLike;
  const name = typeof err.name === "string" ? err.name : "Error";
  const code = typeof err.code === "string" || typeof err.code === "number" ? ` [${err.code}]` : "";
  const message = redactText(typeof err.message === "string" ? err.message : "");
  // Stack frames name files and functions; the stack's first lines repeat the message, so only frames are kept.
  const frames = typeof err.stack === "string" ? err.stack.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 12) : [];
  let out = `${name}${code}: ${message}`;
  if (frames.length) out += "\n" + frames.join("\n");
  if (err.cause !== undefined && depth < MAX_CAUSES) out += `\n  caused by: ${describe(err.cause, depth + 1)}`;
  return out;
}

/** An error as a log line without the values it quoted. */
export function redactError(e: unknown): string {
  return describe(e, 0);
}

/** Logs `context` and the redacted error on stderr. */
export function logError(context: string, e?: unknown): void {
  process.stderr.write(e === undefined ? `${context}\n` : `${context}: ${redactError(e)}\n`);
}

const INSTALLED = Symbol.for("readyroom.redactingConsole");

/**
 * Routes errors that other code (Next.js, libraries) passes to console.error and
 * console.warn through the same redaction. Plain strings are left alone: they are ours.
 */
export function installRedactingConsole(): void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  for (const level of ["error", "warn"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => original(...args.map((a) => (a instanceof Error || (typeof a === "object" && a !== null && "stack" in a) ? redactError(a) : a)));
  }
}
