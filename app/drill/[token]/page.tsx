import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DomainError } from "@/lib/errors/domain-error";
import { drillDeps, invitationLocaleOf } from "@/lib/drills/page-data";
import { openDrill } from "@/lib/drills/play";
import { DrillPlay } from "@/components/drills/DrillPlay";
import { InvitationLanguage } from "@/components/drills/InvitationLanguage";
import { DrillPageBar } from "@/components/drills/DrillPageBar";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("title"), referrer: "no-referrer", robots: { index: false } };
}
export const dynamic = "force-dynamic";

/** A personal drill link: the token is the whole credential, so this page also is the resume link. */
export default async function DrillLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const te = await getTranslations("errors");
  try {
    const [view, locale] = await Promise.all([openDrill(drillDeps(), { token }), invitationLocaleOf({ token })]);
    return (
      <main className="page">
        <InvitationLanguage locale={locale} switcher={false}>
          <DrillPageBar />
          <DrillPlay initial={view} endpoint={`/api/drill/${token}`} />
        </InvitationLanguage>
      </main>
    );
  } catch (e) {
    if (!DomainError.is(e) || e.code !== "DRILL_LINK_UNKNOWN") throw e;
    return (
      <main className="page narrow">
        <DrillPageBar />
        <div className="card alert error" role="alert" data-testid="drill-link-unknown">{te("codes.DRILL_LINK_UNKNOWN")}</div>
      </main>
    );
  }
}
