import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { publishDraft, DraftInvalidError } from "@/lib/studio/drafts";

export const dynamic = "force-dynamic";

/** Publishes the saved draft as a new catalogue version; refused with every finding while it has errors. */
export const POST = route<{ id: string }>({ resource: "scenarios", action: "modify" }, async ({ session, params }) => {
  try {
    const result = await publishDraft(getPrisma(), session.user, params.id);
    return Response.json(result, { status: result.created ? 201 : 200 });
  } catch (e) {
    if (e instanceof DraftInvalidError) return Response.json({ error: { code: e.code, message: e.message, findings: e.findings } }, { status: e.status });
    throw e;
  }
});
