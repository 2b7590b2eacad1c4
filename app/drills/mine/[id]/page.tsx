import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors/domain-error";
import { drillDeps, invitationLocaleOf } from "@/lib/drills/page-data";
import { openDrill } from "@/lib/drills/play";
import { DrillPlay } from "@/components/drills/DrillPlay";
import { InvitationLanguage } from "@/components/drills/InvitationLanguage";
import { Forbidden } from "@/components/ui/Forbidden";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("mine") };
}
export const dynamic = "force-dynamic";

/** A named drill played signed in, without the personal link. */
export default async function MyDrillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/drills/mine/${id}`)}`);
  try {
    const key = { user: session.user, sessionId: id };
    const [view, locale] = await Promise.all([openDrill(drillDeps(), key), invitationLocaleOf(key)]);
    return (
      <main className="page">
        <InvitationLanguage locale={locale}>
          <DrillPlay initial={view} endpoint={`/api/drills/${id}/me`} />
        </InvitationLanguage>
      </main>
    );
  } catch (e) {
    if (DomainError.is(e) && e.code === "SESSION_NOT_FOUND") notFound();
    if (DomainError.is(e) && e.code === "FORBIDDEN") return <Forbidden what="sessions" reason={e.message} />;
    throw e;
  }
}
