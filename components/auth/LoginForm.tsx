"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

export function LoginForm({ callbackUrl, oidcName }: { callbackUrl: string; oidcName: string | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email) return setError(t("errors.emailRequired"));
    if (!password) return setError(t("errors.passwordRequired"));
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email,
      password,
      redirect: false,
    });
    setBusy(false);
    if (!res || res.error) {
      setError(res?.error === "RATE_LIMITED" ? t("errors.rateLimited") : t("errors.invalid"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
      </div>
      <button className="btn" type="submit" disabled={busy} style={{ width: "100%" }}>
        {busy ? t("submitting") : t("submit")}
      </button>
      {oidcName && (
        <button type="button" className="btn secondary" style={{ width: "100%", marginTop: "0.75rem" }}
          onClick={() => void signIn("oidc", { callbackUrl })}>
          {t("sso", { provider: oidcName })}
        </button>
      )}
    </form>
  );
}
