"use client";
// The set-password form behind a one-time link. The token is read from the address's
// fragment (never sent to the server with the page request) and posted with the password;
// the server applies the password policy and spends the link.
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";

type State = { kind: "missing" } | { kind: "ready"; token: string } | { kind: "done"; email: string } | { kind: "dead"; code: string };

function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token");
}

export function SetPasswordForm() {
  const t = useTranslations("admin.setPassword");
  const ids = { password: useId(), repeat: useId(), hint: useId() };
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const token = tokenFromHash(window.location.hash);
    setState(token ? { kind: "ready", token } : { kind: "missing" });
  }, []);

  if (!state) return null;
  if (state.kind === "missing") return <div className="alert error" role="alert" data-testid="set-password-error">{t("missing")}</div>;
  if (state.kind === "dead") return <div className="alert error" role="alert" data-testid="set-password-error">{t(`dead.${state.code}`)}</div>;
  if (state.kind === "done") {
    return (
      <div className="stack">
        <div className="alert ok" role="status" data-testid="set-password-done">{t("done", { email: state.email })}</div>
        <a className="btn" href="/login" data-testid="set-password-sign-in">{t("signIn")}</a>
      </div>
    );
  }
  const token = state.token;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("repeat") ?? "")) return setError(t("mismatch"));
    setBusy(true);
    setError(null);
    try {
      const data = await apiFetch<{ email: string }>("/api/set-password", { method: "POST", json: { token, password } });
      // The spent token leaves the address bar and the history entry.
      window.history.replaceState(null, "", window.location.pathname);
      setState({ kind: "done", email: data.email });
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      const details = problem?.details as ReadonlyArray<{ reason?: string }> | undefined;
      if (!problem || problem.code === "OFFLINE") {
        setError(t("offline"));
      } else if (problem.code.startsWith("LINK_")) {
        setState({ kind: "dead", code: problem.code.slice(5).toLowerCase() });
      } else if (problem.code === "WEAK_PASSWORD") {
        const reason = details?.[0]?.reason;
        setError(t(`weak.${reason === "short" || reason === "own" || reason === "common" ? reason : "guessable"}`));
      } else {
        setError(t("failed", { status: problem.code === "TOO_MANY_ATTEMPTS" ? problem.message : String(problem.status) }));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="set-password-form">
      {error && <div className="alert error" role="alert" data-testid="set-password-problem">{error}</div>}
      <div className="field">
        <label htmlFor={ids.password}>{t("password")}</label>
        <input id={ids.password} name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={1024} aria-describedby={ids.hint} />
        <p className="small muted" id={ids.hint}>{t("policy")}</p>
      </div>
      <div className="field">
        <label htmlFor={ids.repeat}>{t("repeat")}</label>
        <input id={ids.repeat} name="repeat" type="password" autoComplete="new-password" required maxLength={1024} />
      </div>
      <button className="btn" type="submit" disabled={busy} style={{ width: "100%" }}>{busy ? t("saving") : t("submit")}</button>
    </form>
  );
}
