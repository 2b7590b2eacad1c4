"use client";
// The interface language switcher. The choice is kept in a cookie for a year, so it
// persists across visits and beats the browser's language on the next request. Signed in,
// the choice is also kept on the account, for the person's e-mail (the weekly digest).
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { LOCALES, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from "@/lib/i18n/config";

export function LocaleSwitcher({ account = false, testId = "locale-switcher" }: { account?: boolean; testId?: string }) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (next: Locale) => {
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax${secure}`;
    // The interface follows the cookie either way; an account that could not be updated keeps its language for e-mail.
    const saved = account ? apiFetch("/api/me/locale", { method: "PUT", json: { locale: next } }).catch(() => undefined) : Promise.resolve();
    startTransition(async () => {
      await saved;
      router.refresh();
    });
  };
  return (
    <label className="locale-switcher">
      <span className="visually-hidden">{t("label")}</span>
      <select
        aria-label={t("label")}
        data-testid={testId}
        value={locale}
        disabled={pending}
        onChange={(event) => choose(event.target.value as Locale)}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(code)}
          </option>
        ))}
      </select>
    </label>
  );
}
