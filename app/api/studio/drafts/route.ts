import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { createDraft, listDrafts, ZCreateDraft, MAX_DRAFT_BODY_BYTES } from "@/lib/studio/drafts";

export const dynamic = "force-dynamic";

export const GET = route({ resource: "scenarios", action: "modify" }, async ({ session }) => {
  return Response.json({ drafts: await listDrafts(getPrisma(), session.user.id) });
});

/** A new draft: `{}` for an empty one, `{template, locale?}` from the gallery, `{document}` for an imported file, `{baseScenarioId}` to duplicate. */
export const POST = route({ resource: "scenarios", action: "modify", maxBodyBytes: MAX_DRAFT_BODY_BYTES }, async ({ req, session }) => {
  const input = await readJson(req, ZCreateDraft, MAX_DRAFT_BODY_BYTES);
  const draft = await createDraft(getPrisma(), session.user.id, input);
  return Response.json({ draft }, { status: 201 });
});
