// Reads of the same row that are in flight together share one statement. The console's
// "advance all" sends one command per team within a millisecond or two; each used to read
// the session and its access scope on its own, so ten teams queued ten identical statements
// on the database before the first advance could commit. A command that arrives while the
// read is running takes its answer, which is at most that one statement older than a read
// of its own; nothing is kept once the read has settled, so the next command reads afresh.
// State a command changes is re-read under lock in its own transaction, as before.
export class SharedReads<T> {
  private readonly running = new Map<string, Promise<T>>();

  constructor(private readonly read: (key: string) => Promise<T>) {}

  get(key: string): Promise<T> {
    const shared = this.running.get(key);
    if (shared) return shared;
    const read = this.read(key).finally(() => this.running.delete(key));
    this.running.set(key, read);
    return read;
  }
}
