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
  // Without PUBLIC_URL, link to the address this facilitator used (a LAN address works
  // for phones in the room; localhost would not).
  if (!process.env.PUBLIC_URL) {
    const host = (await headers()).get("host");
    if (host) view.session.joinUrl = view.session.joinUrl.replace(/^https?:\/\/[^/]+/, `http://${host}`);
  }
  const qrDataUrl = await QRCode.toDataURL(view.session.joinUrl, { margin: 1, width: 360, errorCorrectionLevel: "M" });
  return { kind: "ok", view, qrDataUrl, canModify };
}
