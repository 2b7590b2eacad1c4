import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("notFound.title") };
}

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="page">
      <div className="card empty" data-testid="not-found">
        <strong>{t("notFound.heading")}</strong>
        <p>{t("notFound.body")}</p>
        <div className="row" style={{ justifyContent: "center" }}>
          <Link href="/" className="btn secondary">{t("notFound.home")}</Link>
          <Link href="/join" className="btn ghost">{t("notFound.join")}</Link>
        </div>
      </div>
    </main>
  );
}
