import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { clientAddress } from "@/lib/http/client-address";
import Link from "@/components/ui/IntentLink";
import { JoinForm } from "@/components/ui/JoinForm";
import { LocaleScope } from "@/components/ui/LocaleScope";
import { ContentLanguageNotice } from "@/components/live/ContentLanguageNotice";
import { JoinSessionForm, type JoinableSession } from "@/components/live/JoinSessionForm";
import { findJoinableSession, formatJoinCode, normalizeJoinCode } from "@/lib/session/join-code";
import { getSessionService } from "@/lib/session/runtime";
import { errorText, type ErrorTranslator } from "@/lib/i18n/error-text";
import { participantLocale } from "@/i18n/participant";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("join");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** What the join form needs to know before joining: anonymity, and the teams and roles to pick from. */
function joinableSession(sessionId: string): Promise<JoinableSession> {
  return getSessionService().joinInfo(sessionId);
}

export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const param = (await searchParams).code;
  const raw = Array.isArray(param) ? param[0] : param;
  const code = normalizeJoinCode(raw);
  // Wrong codes count against the caller's address, as on the socket.
  const peer = clientAddress(await headers());
  const lookup = code ? await findJoinableSession(code, peer) : null;
  const session = lookup?.ok ? await joinableSession(lookup.sessionId) : null;
  // The session's default language applies only once the code is known to be valid.
  const locale = await participantLocale(session?.locale);
  const t = await getTranslations({ locale, namespace: "join" });
  const te = await getTranslations({ locale, namespace: "errors" });
  return (
    <LocaleScope locale={locale}>
      <main className="auth-wrap" lang={locale}>
        <div className="card auth-card">
          <h1>{t("heading")}</h1>
          {session && code ? (
            <>
              <p className="join-found">
                <span className="muted small">{t("session")}</span>
                <strong data-testid="join-session-title">{session.title}</strong>
                <span className="small muted">
                  {t("code")} <code>{formatJoinCode(code)}</code> · <Link href="/join">{t("otherCode")}</Link>
                </span>
              </p>
              <ContentLanguageNotice contentLocale={session.scenarioLocale} />
              <JoinSessionForm code={code} session={session} />
            </>
          ) : (
            <>
              <p className="muted">{t("intro")}</p>
              {lookup && !lookup.ok && <div className="alert error" role="alert" data-code={lookup.code}>{errorText(te as unknown as ErrorTranslator, { code: lookup.code })}</div>}
              {raw?.trim() && !code && <div className="alert error" role="alert">{t("badCode")}</div>}
              <JoinForm defaultCode={code ?? raw ?? ""} />
            </>
          )}
        </div>
      </main>
    </LocaleScope>
  );
}
