import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { getDraft } from "@/lib/studio/drafts";
import { Forbidden } from "@/components/ui/Forbidden";
import { StudioEditor } from "@/components/studio/StudioEditor";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("studio");
  return { title: t("list.title") };
}

export default async function StudioDraftPage({ params }: { params: Params }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/studio/${id}`)}`);
  const t = await getTranslations("studio");
  if (!can(session.user.role, "scenarios", "modify")) return <Forbidden what={t("list.title")} reason={t("forbidden")} />;
  const draft = await getDraft(getPrisma(), session.user.id, id);
  if (!draft) notFound();
  return (
    <main className="page wide">
      <StudioEditor draftId={draft.id} initialDocument={draft.document} updatedAt={draft.updatedAt.toISOString()} maxBytes={MAX_SCENARIO_BYTES} />
    </main>
  );
}
