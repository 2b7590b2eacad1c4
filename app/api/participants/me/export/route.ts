// A participant has no account: they prove who they are with the resume token their
// browser keeps, sent as `Authorization: Participant <token>`.
import { errorResponse } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { getSessionService } from "@/lib/session/runtime";
import { exportParticipant } from "@/lib/privacy/erasure";

export const dynamic = "force-dynamic";

const SCHEME = "participant ";

export async function GET(req: Request): Promise<Response> {
  try {
    const header = req.headers.get("authorization") ?? "";
    if (!header.toLowerCase().startsWith(SCHEME)) {
      throw new DomainError(
        "PARTICIPANT_TOKEN_REQUIRED",
        "send your participant token as `Authorization: Participant <token>`; the “Download my data” button on the exercise page does this for you",
      );
    }
    const me = await getSessionService().participantByToken(header.slice(SCHEME.length).trim());
    const data = await exportParticipant(getPrisma(), me.id);
    return Response.json(data, {
      headers: { "content-disposition": `attachment; filename="readyroom-my-data-${me.sessionId}.json"`, "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e, "participant export failed");
  }
}
