import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { myDrills } from "@/lib/drills/page-data";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("mine") };
}
export const dynamic = "force-dynamic";

/** "My drills": every drill the signed-in person was invited to, with where they stand. */
export default async function MyDrillsPage() {
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent("/drills/mine")}`);
  const t = await getTranslations("drills");
  const format = await getFormatter();
  const drills = await myDrills(session.user);
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <h1>{t("mine")}</h1>
          <p className="lead">{t("mineLead")}</p>
        </div>
      </div>
      {drills.length === 0 ? (
        <div className="card empty">{t("mineEmpty")}</div>
      ) : (
        <ul className="stack plain" data-testid="my-drills" style={{ listStyle: "none", padding: 0 }}>
          {drills.map((d) => (
            <li key={d.sessionId} className="card row" style={{ justifyContent: "space-between" }}>
              <div>
                <strong>{d.title}</strong>
                <div className="small muted">
                  {t(`phase.${d.phase}`)} · {t(`status.${d.status}`)} · {t("dueBy", { date: format.dateTime(new Date(d.closesAt), { dateStyle: "medium", timeStyle: "short" }) })}
                </div>
              </div>
              {d.anonymous ? (
                <span className="small muted">{t("useLink")}</span>
              ) : (
                <Link className="btn" href={`/drills/mine/${d.sessionId}`}>{d.status === "finished" || d.phase === "closed" ? t("viewResult") : t("resume")}</Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
