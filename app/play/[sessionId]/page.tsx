import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlayView } from "@/components/live/PlayView";
import { LocaleScope } from "@/components/ui/LocaleScope";
import { loadSessionLocales } from "@/lib/session/locale";
import { participantLocale } from "@/i18n/participant";

type Params = Promise<{ sessionId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const info = await loadSessionLocales((await params).sessionId);
  const t = await getTranslations({ locale: await participantLocale(info?.locale), namespace: "play" });
  return { title: t("title") };
}

export default async function PlayPage({ params }: { params: Params }) {
  const { sessionId } = await params;
  const info = await loadSessionLocales(sessionId);
  const locale = await participantLocale(info?.locale);
  return (
    <LocaleScope locale={locale}>
      <main className="play" lang={locale}>
        <PlayView sessionId={sessionId} />
      </main>
    </LocaleScope>
  );
}
