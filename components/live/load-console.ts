// Server side of the console and present pages: who may open the session, its first
// view as this viewer may see it (lib/privacy/visibility.ts), and the join QR code as a PNG data URL (the browser needs no QR library).
import QRCode from "qrcode";
import { headers } from "next/headers";
import { getSession } from "@/lib/auth/session";
import { can, canRunSession, canViewSession } from "@/lib/auth/permissions";
import { loadSessionScope } from "@/lib/auth/session-scope";
import { DomainError } from "@/lib/errors/domain-error";
import { getSessionService } from "@/lib/session/runtime";
import type { ConsoleView } from "@/lib/session/views";
import { consoleViewFor } from "@/lib/session/viewer";
import { joinBaseUrl, joinUrlOf } from "@/lib/session/join-link";

export type ConsoleLoad =
  | { kind: "signin" }
  | { kind: "forbidden"; reason?: "otherFacilitator" }
  | { kind: "missing" }
  | { kind: "ok"; view: ConsoleView; qrDataUrl: string; canModify: boolean };

export async function loadConsole(sessionId: string): Promise<ConsoleLoad> {
  const session = await getSession();
  if (!session) return { kind: "signin" };
  const { user } = session;
  if (!can(user.role, "sessions", "view")) return { kind: "forbidden" };
  const scope = await loadSessionScope(sessionId).catch((e: unknown) => {
    if (DomainError.is(e) && e.code === "SESSION_NOT_FOUND") return null;
    throw e;
  });
  if (!scope) return { kind: "missing" };
  if (!canViewSession(user, scope)) return { kind: "forbidden", reason: "otherFacilitator" };
  const canModify = canRunSession(user, scope);
  const { view } = await consoleViewFor(getSessionService(), user, sessionId);
  // The printed link and the QR code are the same address (lib/session/join-link.ts); live
  // pushes carry the server's own idea of it, so the pages keep this one.
  const base = joinBaseUrl(process.env.PUBLIC_URL, (await headers()).get("host"), process.env.READYROOM_PUBLIC_URL ?? "http://localhost:3000");
  view.session.joinUrl = joinUrlOf(base, view.session.joinCode);
  const qrDataUrl = await QRCode.toDataURL(view.session.joinUrl, { margin: 1, width: 360, errorCorrectionLevel: "M" });
  return { kind: "ok", view, qrDataUrl, canModify };
}
