// Server side of the console and present pages: who may open the session, its first
// view as this viewer may see it (lib/privacy/visibility.ts), and the join QR code as a PNG data URL (the browser needs no QR library).
import QRCode from "qrcode";
import { headers } from "next/headers";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import type { ConsoleView } from "@/lib/session/views";
import { consoleViewFor } from "@/lib/session/viewer";
import { joinBaseUrl, joinUrlOf } from "@/lib/session/join-link";

export type ConsoleLoad =
  | { kind: "signin" }
  | { kind: "forbidden"; reason?: "otherFacilitator" }
  | { kind: "missing" }
  | { kind: "ok"; view: ConsoleView; qrDataUrl: string; canModify: boolean };

async function allowed(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (e) {
    if (SessionError.is(e) && e.code === "FORBIDDEN") return false;
    throw e;
  }
}

export async function loadConsole(sessionId: string): Promise<ConsoleLoad> {
  const session = await getSession();
  if (!session) return { kind: "signin" };
  const { user } = session;
  if (!can(user.role, "sessions", "view")) return { kind: "forbidden" };
  const service = getSessionService();
  try {
    if (!(await allowed(() => service.assertFacilitator(user, sessionId, "view")))) {
      return { kind: "forbidden", reason: "otherFacilitator" };
    }
  } catch (e) {
    if (SessionError.is(e) && e.code === "SESSION_NOT_FOUND") return { kind: "missing" };
    throw e;
  }
  const canModify = can(user.role, "sessions", "modify") && (await allowed(() => service.assertFacilitator(user, sessionId, "modify")));
  const { view } = await consoleViewFor(service, user, sessionId);
  // The printed link and the QR code are the same address (lib/session/join-link.ts); live
  // pushes carry the server's own idea of it, so the pages keep this one.
  const base = joinBaseUrl(process.env.PUBLIC_URL, (await headers()).get("host"), process.env.READYROOM_PUBLIC_URL ?? "http://localhost:3000");
  view.session.joinUrl = joinUrlOf(base, view.session.joinCode);
  const qrDataUrl = await QRCode.toDataURL(view.session.joinUrl, { margin: 1, width: 360, errorCorrectionLevel: "M" });
  return { kind: "ok", view, qrDataUrl, canModify };
}
