import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/components/ui/Forbidden";
import { PresentView } from "@/components/live/PresentView";
import { loadConsole } from "@/components/live/load-console";

export async function generateMetadata(): Promise<Metadata> {
  const tm = await getTranslations("console");
  return { title: tm("presentTitle") };
}
export const dynamic = "force-dynamic";

export default async function PresentPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const team = (await searchParams).team;
  const load = await loadConsole(id);
  if (load.kind === "signin") redirect(`/login?callbackUrl=${encodeURIComponent(`/sessions/${id}/present`)}`);
  if (load.kind === "missing") notFound();
  if (load.kind === "forbidden") {
    const te = await getTranslations("errors");
    return <Forbidden what="sessions" reason={load.reason === "otherFacilitator" ? te("forbidden.otherFacilitator") : undefined} />;
  }
  return <PresentView initial={load.view} qrDataUrl={load.qrDataUrl} initialTeamId={typeof team === "string" ? team : null} />;
}
