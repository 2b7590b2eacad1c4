// JSON pointers (RFC 6901) for input errors, and zod issues turned into them: every
// boundary (HTTP routes, socket events, files) names the offending field the same way.
// The root is "" (not "/"), `~` and `/` inside a name are escaped, and an unknown key is
// named by its own pointer rather than by the object that holds it.
import type { z } from "zod";

export type PathSegment = PropertyKey;
export type InputProblem = { path: string; message: string };

export function jsonPointer(path: readonly PathSegment[]): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** One problem per offending field: an `unrecognized_keys` issue becomes one per key. */
export function inputProblems(error: z.ZodError): InputProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ path: jsonPointer([...issue.path, k]), message: "unknown field; remove it" }));
    }
    return [{ path: jsonPointer(issue.path), message: issue.message }];
  });
}

/** "/teamId: unknown field; remove it", or "payload: …" at the root. */
export function describeProblem(problem: InputProblem, root = "payload"): string {
  return `${problem.path || root}: ${problem.message}`;
}
