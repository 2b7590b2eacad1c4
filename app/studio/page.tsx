import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { listScenarios, MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { listDrafts } from "@/lib/studio/drafts";
import { Forbidden } from "@/components/ui/Forbidden";
import { DeleteDraftButton } from "@/components/studio/DraftActions";
import { TemplateGallery } from "@/components/studio/TemplateGallery";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("studio");
  return { title: t("list.title") };
}

export default async function StudioPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=%2Fstudio");
  const t = await getTranslations("studio");
  if (!can(session.user.role, "scenarios", "modify")) return <Forbidden what={t("list.title")} reason={t("forbidden")} />;
  const format = await getFormatter();
  const [drafts, library] = await Promise.all([listDrafts(getPrisma(), session.user.id), listScenarios(getPrisma())]);
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>{t("list.title")}</h1>
          <p className="lead">{t("list.lead")}</p>
        </div>
      </div>
      <TemplateGallery maxBytes={MAX_SCENARIO_BYTES} library={library.map((s) => ({ id: s.id, title: s.title, locale: s.locale }))} />
      <section className="card">
        <h2>{t("list.drafts")}</h2>
        {drafts.length === 0 ? (
          <p className="muted">{t.rich("list.empty", { link: (chunks) => <Link href="/scenarios">{chunks}</Link> })}</p>
        ) : (
          <table className="table" data-testid="draft-list">
            <thead><tr><th>{t("list.name")}</th><th>{t("list.updated")}</th><th /></tr></thead>
            <tbody>
              {drafts.map((d) => (
                <tr key={d.id}>
                  <td><Link href={`/studio/${d.id}`}>{d.title || t("untitled")}</Link>{d.baseScenarioId && <div className="muted small"><Link href={`/scenarios/${d.baseScenarioId}`}>{t("list.basedOn")}</Link></div>}</td>
                  <td>{format.dateTime(d.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td><DeleteDraftButton draftId={d.id} title={d.title || t("untitled")} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
