// One signed-in viewer's console view of a session: the session service's view, redacted
// by what the viewer may see (lib/privacy/visibility.ts). The console and present pages,
// `GET /api/sessions/:id` and the socket's console:watch all load it here.
import type { SessionScope } from "@/lib/auth/permissions";
import { assertSessionAccess, loadSessionScope } from "@/lib/auth/session-scope";
import type { SignedInUser } from "@/lib/auth/types";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { redactConsoleView, sessionVisibility, type SessionVisibility } from "@/lib/privacy/visibility";
import type { SessionService } from "@/lib/session/service";
import type { ConsoleView } from "@/lib/session/views";

/** What `user` may see of a session whose scope is loaded; FORBIDDEN when they may not view it at all. */
export function visibilityIn(user: SignedInUser, scope: SessionScope): SessionVisibility {
  assertSessionAccess(user, scope, "sessions", "view");
  return sessionVisibility(user, scope)!;
}

/** What `user` may see of the session; throws SESSION_NOT_FOUND, or FORBIDDEN when they may not view it at all. */
export async function viewerVisibility(user: SignedInUser, sessionId: string): Promise<SessionVisibility> {
  return visibilityIn(user, await loadSessionScope(sessionId));
}

/** The privacy setting k: figures over fewer respondents are withheld where the viewer's visibility says so. */
export async function minGroupSize(): Promise<number> {
  return (await getSettings(getPrisma())).minGroupSize;
}

/** The console view as `user` may see it, with the visibility it was redacted for. */
export async function consoleViewFor(
  service: SessionService,
  user: SignedInUser,
  sessionId: string,
  connected?: (participantId: string) => boolean,
): Promise<{ view: ConsoleView; visibility: SessionVisibility }> {
  const visibility = await viewerVisibility(user, sessionId);
  const [view, k] = await Promise.all([service.consoleView(sessionId, connected), minGroupSize()]);
  return { view: redactConsoleView(view, visibility, k), visibility };
}
