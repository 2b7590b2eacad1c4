import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSession()) redirect(callbackUrl);
  const oidcName = process.env.OIDC_ISSUER ? process.env.OIDC_NAME || "Single sign-on" : null;
  return (
    <main className="auth-wrap">
      <div className="card auth-card">
        <h1>Sign in to Readyroom</h1>
        <p className="muted">Facilitators, managers and administrators sign in here. Taking part in an exercise? You only need the join code.</p>
        <LoginForm callbackUrl={callbackUrl} oidcName={oidcName} />
        <p className="small muted" style={{ marginTop: "1rem" }}>
          Have a join code? <a href="/join">Join a session</a>
        </p>
      </div>
    </main>
  );
}
