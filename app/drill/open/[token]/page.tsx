import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OpenLinkStart } from "@/components/drills/OpenLinkStart";
import { DrillPageBar } from "@/components/drills/DrillPageBar";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("title"), referrer: "no-referrer", robots: { index: false } };
}
export const dynamic = "force-dynamic";

export default async function DrillOpenLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="page narrow">
      <DrillPageBar />
      <OpenLinkStart token={token} />
    </main>
  );
}
