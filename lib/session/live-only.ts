// The live path's guard against drill sessions: a drill (`docs/drills.md`) is a session in
// DRILL mode that each person plays alone through a personal link, so the facilitator's
// live commands and joining by code would act on state no drill page shows.
import { DomainError } from "@/lib/errors/domain-error";

/** Refuses with DRILL_SESSION when the session is a drill. */
export function refuseDrill(session: { mode: string }, action: string): void {
  if (session.mode !== "DRILL") return;
  throw new DomainError(
    "DRILL_SESSION",
    `this session is a drill, played alone through personal links: ${action} does not apply; use the drill's page (/drills/<id>) to extend or close it`,
  );
}
