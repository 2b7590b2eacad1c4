import { parseJson, readBody, route } from "@/lib/http/route";
import { aarErrorResponse } from "@/lib/reports/aar-http";
import { getPrisma } from "@/lib/db/client";
import { addLedgerComment, ZComment } from "@/lib/improvements/ledger";

export const dynamic = "force-dynamic";

export const POST = route<{ itemId: string }>({ resource: "reports", action: "modify", maxBodyBytes: 16 * 1024 }, async ({ req, session, params }) => {
  try {
    const { text } = parseJson(await readBody(req, 16 * 1024), ZComment);
    return Response.json(await addLedgerComment(getPrisma(), session.user, params.itemId, text), { status: 201 });
  } catch (e) {
    return aarErrorResponse(e);
  }
});
