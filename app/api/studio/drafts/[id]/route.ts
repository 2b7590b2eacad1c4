import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { deleteDraft, getDraft, saveDraft, ZSaveDraft, MAX_DRAFT_BODY_BYTES } from "@/lib/studio/drafts";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ resource: "scenarios", action: "modify" }, async ({ session, params }) => {
  const draft = await getDraft(getPrisma(), session.user.id, params.id);
  if (!draft) throw new DomainError("DRAFT_NOT_FOUND", "this draft does not exist or is not yours");
  return Response.json({ draft });
});

/** Autosave: the whole document, as it is (it may have lint errors). */
export const PUT = route<Params>({ resource: "scenarios", action: "modify", maxBodyBytes: MAX_DRAFT_BODY_BYTES }, async ({ req, session, params }) => {
  const { document } = await readJson(req, ZSaveDraft, MAX_DRAFT_BODY_BYTES);
  return Response.json({ draft: await saveDraft(getPrisma(), session.user.id, params.id, document) });
});

export const DELETE = route<Params>({ resource: "scenarios", action: "modify" }, async ({ session, params }) => {
  await deleteDraft(getPrisma(), session.user.id, params.id);
  return new Response(null, { status: 204 });
});
