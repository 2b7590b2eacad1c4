import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors/domain-error";
import { drillDeps } from "@/lib/drills/page-data";
import { openDrill } from "@/lib/drills/play";
import { DrillPlay } from "@/components/drills/DrillPlay";
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
    const view = await openDrill(drillDeps(), { user: session.user, sessionId: id });
    return (
      <main className="page">
        <DrillPlay initial={view} endpoint={`/api/drills/${id}/me`} />
      </main>
    );
  } catch (e) {
    if (DomainError.is(e) && e.code === "SESSION_NOT_FOUND") notFound();
    if (DomainError.is(e) && e.code === "FORBIDDEN") return <Forbidden what="sessions" reason={e.message} />;
    throw e;
  }
}
