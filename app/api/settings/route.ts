import { route, readBody, parseJson } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { getSettings, updateSettings, ZPrivacySettingsPatch } from "@/lib/privacy/settings";

export const dynamic = "force-dynamic";

export const GET = route({ resource: "settings", action: "view" }, async () => {
  return Response.json({ settings: await getSettings(getPrisma()) });
});

/** A partial update: send only the fields that change. */
export const PUT = route({ resource: "settings", action: "modify" }, async ({ req, session }) => {
  const patch = parseJson(await readBody(req, 16 * 1024), ZPrivacySettingsPatch);
  const { settings, changed } = await updateSettings(getPrisma(), session.user, patch);
  return Response.json({ settings, changed: Object.keys(changed) });
});
