import type { Metadata } from "next";
import { cache } from "react";
import { getTranslations } from "next-intl/server";
import { PlayView } from "@/components/live/PlayView";
import { LocaleScope } from "@/components/ui/LocaleScope";
import { loadSessionLocales } from "@/lib/session/locale";
import { participantLocale } from "@/i18n/participant";

type Params = Promise<{ sessionId: string }>;
/** One lookup per request, shared by the metadata and the page. */
const sessionLocales = cache(loadSessionLocales);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const info = await sessionLocales((await params).sessionId);
  const t = await getTranslations({ locale: await participantLocale(info?.locale), namespace: "play" });
  return { title: t("title") };
}

export default async function PlayPage({ params }: { params: Params }) {
  const { sessionId } = await params;
  const info = await sessionLocales(sessionId);
  const locale = await participantLocale(info?.locale);
  return (
    <LocaleScope locale={locale}>
      <main className="play" lang={locale}>
        <PlayView sessionId={sessionId} />
      </main>
    </LocaleScope>
  );
}
