// The HTTP side of the teams routes: team errors as JSON that name the field at fault.
import { HttpError } from "@/lib/http/route";
import { TEAM_ERROR_STATUS, TeamError } from "./service";

export const TEAM_BODY_BYTES = 4 * 1024;

/** Runs a team change and turns a TeamError into the matching HTTP error. */
export async function teamCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (TeamError.is(e)) {
      const details = e.path ? [{ path: e.path, message: e.message.replace(/^[\w/]+: /, "") }] : undefined;
      throw new HttpError(TEAM_ERROR_STATUS[e.code], e.code, e.message, details);
    }
    throw e;
  }
}
