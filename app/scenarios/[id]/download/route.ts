import { route } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { getPrisma } from "@/lib/db/client";
import { getScenarioVersion } from "@/lib/catalog/store";

export const dynamic = "force-dynamic";

/** The stored document of one version, as a file named after its slug and hash. */
export const GET = route<{ id: string }>({ resource: "scenarios", action: "export" }, async ({ params }) => {
  const version = await getScenarioVersion(getPrisma(), params.id);
  if (!version) throw new DomainError("NOT_FOUND", "no scenario version has this id; it may have been mistyped");
  const filename = `${version.slug}-${version.contentHash.slice(0, 12)}.json`;
  return new Response(`${JSON.stringify(version.document, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
