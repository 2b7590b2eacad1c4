"use client";
// Says so when the exercise's own text (the scenario) is in another language than the
// interface, rather than mixing the two silently.
import { useLocale, useTranslations } from "next-intl";
import { baseLanguage, contentLanguageDiffers, languageName } from "@/lib/i18n/language-name";
import type { Locale } from "@/lib/i18n/config";

export function ContentLanguageNotice({ contentLocale, compact = false }: { contentLocale: string; compact?: boolean }) {
  const t = useTranslations("play");
  const locale = useLocale() as Locale;
  if (!contentLanguageDiffers(contentLocale, locale)) return null;
  return (
    <div className="alert info content-language" role="note" lang={locale} data-testid="content-language" data-content-locale={contentLocale}>
      <strong>{t("contentLanguage", { code: baseLanguage(contentLocale), language: languageName(contentLocale, locale) })}</strong>
      {!compact && <> {t("contentLanguageHint")}</>}
    </div>
  );
}
