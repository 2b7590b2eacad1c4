import type { Metadata } from "next";
import { headers } from "next/headers";
import { PEER_HEADER } from "@/lib/auth/options";
import Link from "next/link";
import { JoinForm } from "@/components/ui/JoinForm";
import { JoinSessionForm, type JoinableSession } from "@/components/live/JoinSessionForm";
import { findJoinableSession, formatJoinCode, normalizeJoinCode } from "@/lib/session/join-code";
import { getSessionService } from "@/lib/session/runtime";

export const metadata: Metadata = { title: "Join a session" };
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
  const peer = (await headers()).get(PEER_HEADER) ?? "unknown";
  const lookup = code ? await findJoinableSession(code, peer) : null;
  const session = lookup?.ok ? await joinableSession(lookup.sessionId) : null;
  return (
    <main className="auth-wrap">
      <div className="card auth-card">
        <h1>Join a session</h1>
        {session && code ? (
          <>
            <p className="join-found">
              <span className="muted small">Session</span>
              <strong data-testid="join-session-title">{session.title}</strong>
              <span className="small muted">
                Code <code>{formatJoinCode(code)}</code> · <Link href="/join">use another code</Link>
              </span>
            </p>
            <JoinSessionForm code={code} session={session} />
          </>
        ) : (
          <>
            <p className="muted">No account needed. Enter the code your facilitator shows.</p>
            {lookup && !lookup.ok && <div className="alert error" role="alert">{lookup.message}</div>}
            {raw?.trim() && !code && <div className="alert error" role="alert">A join code has 8 letters and digits, like ABCD-EFGH. Check it and try again.</div>}
            <JoinForm defaultCode={code ?? raw ?? ""} />
          </>
        )}
      </div>
    </main>
  );
}
