import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { confirmVerification, ZVerify } from "@/lib/improvements/ledger";

export const dynamic = "force-dynamic";

/** A person confirms the proposal "verified by exercise" shown on a later session's report. */
export const POST = route<{ itemId: string }>({ resource: "reports", action: "modify", maxBodyBytes: 4 * 1024 }, async ({ req, session, params }) => {
  const { sessionId } = await readJson(req, ZVerify, 4 * 1024);
  return Response.json(await confirmVerification(getPrisma(), session.user, params.itemId, sessionId));
});
