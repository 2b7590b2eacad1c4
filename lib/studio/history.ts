// Undo and redo over whole documents. Edits that arrive in quick succession under the same
// key (typing into one field, dragging one node) merge into one step, so undo takes back a
// word or a move rather than a keystroke or a pixel.
export type History<T> = {
  past: T[];
  present: T;
  future: T[];
  /** The key and time of the last recorded edit, for merging. */
  lastKey: string | null;
  lastAt: number;
};

export const HISTORY_LIMIT = 200;
export const MERGE_WINDOW_MS = 1000;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

/**
 * Records `next` as the new present. With a `key` equal to the previous edit's and within
 * MERGE_WINDOW_MS, it replaces the present instead of adding a step.
 */
export function record<T>(history: History<T>, next: T, opts: { key?: string; now?: number } = {}): History<T> {
  if (next === history.present) return history;
  const now = opts.now ?? Date.now();
  const key = opts.key ?? null;
  if (key !== null && key === history.lastKey && now - history.lastAt < MERGE_WINDOW_MS) {
    return { ...history, present: next, future: [], lastAt: now };
  }
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  if (!canUndo(history)) return history;
  const past = history.past.slice(0, -1);
  return { past, present: history.past[history.past.length - 1], future: [history.present, ...history.future], lastKey: null, lastAt: 0 };
}

export function redo<T>(history: History<T>): History<T> {
  if (!canRedo(history)) return history;
  const [present, ...future] = history.future;
  return { past: [...history.past, history.present], present, future, lastKey: null, lastAt: 0 };
}
