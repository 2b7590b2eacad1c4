import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Forbidden } from "@/components/ui/Forbidden";
import { PresentView } from "@/components/live/PresentView";
import { loadConsole } from "@/components/live/load-console";

export const metadata: Metadata = { title: "Present" };
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
  if (load.kind === "forbidden") return <Forbidden what="exercise sessions" reason={load.reason} />;
  return <PresentView initial={load.view} qrDataUrl={load.qrDataUrl} initialTeamId={typeof team === "string" ? team : null} />;
}
