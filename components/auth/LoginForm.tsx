"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useHydrated } from "@/components/ui/use-hydrated";

export function LoginForm({ callbackUrl, oidcName }: { callbackUrl: string; oidcName: string | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A press before the script runs would send the password in the address (a native GET):
  // the button waits for the script; the fields stay open so a password manager can fill them.
  const hydrated = useHydrated();

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
    <form onSubmit={onSubmit} method="post" noValidate aria-busy={!hydrated}>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
      </div>
      <button className="btn" type="submit" disabled={busy || !hydrated} style={{ width: "100%" }}>
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
