// One signed-in viewer's console view of a session: the session service's view, redacted
// by what the viewer may see (lib/privacy/visibility.ts). The console and present pages,
// `GET /api/sessions/:id` and the socket's console:watch all load it here.
import type { SessionUser } from "@/lib/auth/types";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { redactConsoleView, sessionVisibility, type SessionVisibility } from "@/lib/privacy/visibility";
import { SessionError, type SessionService } from "@/lib/session/service";
import type { ConsoleView } from "@/lib/session/views";

/**
 * What `user` may see of the session; throws SESSION_NOT_FOUND, or FORBIDDEN when they
 * may not view it at all.
 */
export async function viewerVisibility(service: SessionService, user: SessionUser, sessionId: string): Promise<SessionVisibility> {
  const s = await service.assertFacilitator(user, sessionId, "view");
  const visibility = sessionVisibility(user, { facilitatorId: s.facilitatorId, grantedUserIds: s.grants.map((g) => g.userId), anonymous: s.anonymous });
  if (!visibility) throw new SessionError("FORBIDDEN", "you may not view this session; ask its facilitator to grant you access");
  return visibility;
}

/** The privacy setting k: figures over fewer respondents are withheld where the viewer's visibility says so. */
export async function minGroupSize(): Promise<number> {
  return (await getSettings(getPrisma())).minGroupSize;
}

/** The console view as `user` may see it, with the visibility it was redacted for. */
export async function consoleViewFor(
  service: SessionService,
  user: SessionUser,
  sessionId: string,
  connected?: (participantId: string) => boolean,
): Promise<{ view: ConsoleView; visibility: SessionVisibility }> {
  const visibility = await viewerVisibility(service, user, sessionId);
  const [view, k] = await Promise.all([service.consoleView(sessionId, connected), minGroupSize()]);
  return { view: redactConsoleView(view, visibility, k), visibility };
}
