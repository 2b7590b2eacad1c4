import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { addLedgerComment, ZComment } from "@/lib/improvements/ledger";

export const dynamic = "force-dynamic";

export const POST = route<{ itemId: string }>({ resource: "reports", action: "modify", maxBodyBytes: 16 * 1024 }, async ({ req, session, params }) => {
  const { text } = await readJson(req, ZComment, 16 * 1024);
  return Response.json(await addLedgerComment(getPrisma(), session.user, params.itemId, text), { status: 201 });
});
