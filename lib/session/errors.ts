// The error every session operation throws for a refusal the caller can act on: a code,
// a message for people, and for input errors the JSON pointer of the offending field.
export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** JSON pointer of the offending field, for input errors. */
    readonly path?: string,
  ) {
    super(message);
    this.name = "SessionError";
  }

  /**
   * The custom server and Next's route bundles each compile this module, so the class
   * behind a thrown error may differ from the one in scope: recognise it by shape.
   */
  static is(e: unknown): e is SessionError {
    return e instanceof Error && e.name === "SessionError" && typeof (e as SessionError).code === "string";
  }
}
