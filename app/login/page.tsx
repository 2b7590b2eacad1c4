import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/LoginForm";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSession()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const oidcName = process.env.OIDC_ISSUER ? process.env.OIDC_NAME || t("ssoDefaultName") : null;
  return (
    <main className="auth-wrap">
      <div className="card auth-card">
        <h1>{t("heading")}</h1>
        <p className="muted">{t("intro")}</p>
        <LoginForm callbackUrl={callbackUrl} oidcName={oidcName} />
        <p className="small muted" style={{ marginTop: "1rem" }}>
          {t("haveCode")} <a href="/join">{t("joinLink")}</a>
        </p>
      </div>
    </main>
  );
}
