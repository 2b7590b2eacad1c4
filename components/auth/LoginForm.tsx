"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";

const MESSAGES: Record<string, string> = {
  RATE_LIMITED: "Too many sign-in attempts. Wait 15 minutes, then try again.",
  INVALID_LOGIN: "The e-mail or password is incorrect.",
};

export function LoginForm({ callbackUrl, oidcName }: { callbackUrl: string; oidcName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (!res || res.error) {
      setError(MESSAGES[res?.error ?? ""] ?? MESSAGES.INVALID_LOGIN);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
      </div>
      <button className="btn" type="submit" disabled={busy} style={{ width: "100%" }}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {oidcName && (
        <button type="button" className="btn secondary" style={{ width: "100%", marginTop: "0.75rem" }}
          onClick={() => void signIn("oidc", { callbackUrl })}>
          Continue with {oidcName}
        </button>
      )}
    </form>
  );
}
