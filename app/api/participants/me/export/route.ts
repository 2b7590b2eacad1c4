// A participant has no account: they prove who they are with the resume token their
// browser keeps, sent as `Authorization: Participant <token>`.
import { jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import { exportParticipant, PrivacyError } from "@/lib/privacy/erasure";
import { logError } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

const SCHEME = "participant ";

export async function GET(req: Request): Promise<Response> {
  const header = req.headers.get("authorization") ?? "";
  if (!header.toLowerCase().startsWith(SCHEME)) {
    return jsonError(401, "PARTICIPANT_TOKEN_REQUIRED", "send your participant token as `Authorization: Participant <token>`; the “Download my data” button on the exercise page does this for you");
  }
  try {
    const me = await getSessionService().participantByToken(header.slice(SCHEME.length).trim());
    const data = await exportParticipant(getPrisma(), me.id);
    return Response.json(data, {
      headers: { "content-disposition": `attachment; filename="readyroom-my-data-${me.sessionId}.json"`, "cache-control": "no-store" },
    });
  } catch (e) {
    if (SessionError.is(e)) return jsonError(401, e.code, e.message);
    if (PrivacyError.is(e)) return jsonError(e.code === "ANONYMOUS_SESSION" ? 403 : 404, e.code, e.message);
    logError("participant export failed", e);
    return jsonError(500, "INTERNAL", "something went wrong on the server; your data was not exported, try again later");
  }
}
