import type { Metadata } from "next";
import { JoinForm } from "@/components/ui/JoinForm";
import { findJoinableSession, normalizeJoinCode } from "@/lib/session/join-code";

export const metadata: Metadata = { title: "Join a session" };
export const dynamic = "force-dynamic";

export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).code;
  const code = normalizeJoinCode(Array.isArray(raw) ? raw[0] : raw);
  const lookup = code ? await findJoinableSession(code) : null;
  return (
    <main className="auth-wrap">
      <div className="card auth-card">
        <h1>Join a session</h1>
        <p className="muted">No account needed. Enter the code your facilitator shows.</p>
        {lookup && !lookup.ok && <div className="alert error" role="alert">{lookup.message}</div>}
        {lookup?.ok && <div className="alert ok">Found “{lookup.title}”.</div>}
        <JoinForm defaultCode={code ?? ""} />
      </div>
    </main>
  );
}
