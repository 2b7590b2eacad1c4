import { route, readBody } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { importScenarioText, listScenarios, MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

export const GET = route({ resource: "scenarios", action: "view" }, async ({ req }) => {
  const url = new URL(req.url);
  const scenarios = await listScenarios(getPrisma(), {
    q: url.searchParams.get("q") ?? undefined,
    tag: url.searchParams.get("tag") ?? undefined,
    locale: url.searchParams.get("locale") ?? undefined,
  });
  return Response.json({ scenarios });
});

/** Upload: the body is the scenario file itself. */
export const POST = route({ resource: "scenarios", action: "modify", maxBodyBytes: MAX_SCENARIO_BYTES }, async ({ req, session }) => {
  const text = await readBody(req, MAX_SCENARIO_BYTES);
  const result = await importScenarioText(getPrisma(), text, { source: "upload", createdById: session.user.id });
  if (!result.ok) {
    return Response.json({ error: { code: "SCENARIO_INVALID", message: "the scenario has errors; nothing was stored", findings: result.findings } }, { status: 422 });
  }
  if (result.created) await audit(getPrisma(), session.user, "create", "scenario", result.id, { slug: result.slug, contentHash: result.contentHash });
  return Response.json(result, { status: result.created ? 201 : 200 });
});
