import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/components/ui/Forbidden";
import { SessionConsole } from "@/components/live/SessionConsole";
import { loadConsole } from "@/components/live/load-console";
import { minGroupSize } from "@/lib/session/viewer";
import { getPrisma } from "@/lib/db/client";

export async function generateMetadata(): Promise<Metadata> {
  const tm = await getTranslations("console");
  return { title: tm("title") };
}
export const dynamic = "force-dynamic";

export default async function SessionConsolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A drill has no live console: its page is the funnel and the answers.
  if (await getPrisma().drill.findUnique({ where: { sessionId: id }, select: { sessionId: true } })) redirect(`/drills/${id}`);
  const [load, k] = await Promise.all([loadConsole(id), minGroupSize()]);
  if (load.kind === "signin") redirect(`/login?callbackUrl=${encodeURIComponent(`/sessions/${id}`)}`);
  if (load.kind === "missing") notFound();
  if (load.kind === "forbidden") {
    const te = await getTranslations("errors");
    return <Forbidden what="sessions" reason={load.reason === "otherFacilitator" ? te("forbidden.otherFacilitator") : undefined} />;
  }
  return (
    <main className="page wide">
      <SessionConsole initial={load.view} qrDataUrl={load.qrDataUrl} canModify={load.canModify} minGroupSize={k} />
    </main>
  );
}
