"use client";
// The second step of joining, once the code is known to be valid: a display name (or
// the promise of a pseudonym), team and role when participants pick them, then
// participant:join over the socket. The token it returns stays on this device.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { AckTimeoutError, loadParticipantToken, newIdempotencyKey, RealtimeClient, RequestError, saveParticipantToken } from "@/lib/realtime/client";
import { TeamRoleFields } from "./TeamRoleFields";

export type JoinableSession = {
  id: string;
  title: string;
  anonymous: boolean;
  selfAssign: boolean;
  teams: Array<{ id: string; name: string }>;
  roles: Array<{ id: string; name: string; description?: string | null }>;
};

function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export function JoinSessionForm({ code, session }: { code: string; session: JoinableSession }) {
  const router = useRouter();
  const [displayName, setDisplayName] = useState("");
  const [pick, setPick] = useState({ teamId: session.teams.length === 1 ? session.teams[0].id : "", roleId: "" });
  const [busy, setBusy] = useState(false);
  // One key for this person's join: pressing Join again after a lost answer is the same join.
  const joinKey = useRef(newIdempotencyKey());
  const [error, setError] = useState<string | null>(null);
  const [alreadyJoined, setAlreadyJoined] = useState(false);

  useEffect(() => {
    setAlreadyJoined(loadParticipantToken(session.id) !== null);
  }, [session.id]);

  async function join(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!session.anonymous && !displayName.trim()) {
      setError("Enter the name your team will see.");
      return;
    }
    if (session.selfAssign && session.teams.length > 1 && !pick.teamId) {
      setError("Choose your team.");
      return;
    }
    setBusy(true);
    const client = new RealtimeClient();
    try {
      const { token, view } = await client.call(
        "participant:join",
        {
          code,
          key: joinKey.current,
          ...(session.anonymous ? {} : { displayName: displayName.trim() }),
          ...(session.selfAssign && pick.teamId ? { teamId: pick.teamId } : {}),
          ...(session.selfAssign && pick.roleId ? { roleId: pick.roleId } : {}),
        },
        10_000,
      );
      saveParticipantToken(view.session.id, token);
      router.push(`/play/${view.session.id}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof RequestError) setError(sentence(err.message));
      else if (err instanceof AckTimeoutError) setError("The server did not answer. Check your connection and try again.");
      else setError("Joining failed. Try again.");
    } finally {
      client.close();
    }
  }

  return (
    <form onSubmit={join} noValidate data-testid="join-session-form">
      {alreadyJoined && (
        <div className="alert info">
          You already joined this session on this device. <Link href={`/play/${session.id}`}>Continue where you left off</Link>
        </div>
      )}
      {session.anonymous ? (
        <div className="alert info anonymous-note" data-testid="anonymous-note">
          <strong>You take part anonymously.</strong> You get a pseudonym, and nothing links your answers to you.
        </div>
      ) : (
        <div className="field">
          <label htmlFor="display-name">Your name</label>
          <input id="display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={40} autoComplete="name" required />
          <p className="hint">Your team and the facilitator see this name next to your votes and answers.</p>
        </div>
      )}
      {session.selfAssign && (
        <TeamRoleFields teams={session.teams} roles={session.roles} teamId={pick.teamId} roleId={pick.roleId} onChange={setPick} idPrefix="join" />
      )}
      {!session.selfAssign && <p className="small muted">The facilitator puts you in a team once you have joined.</p>}
      {error && <div className="alert error" role="alert">{error}</div>}
      <button className="btn block" type="submit" disabled={busy}>{busy ? "Joining…" : "Join the exercise"}</button>
    </form>
  );
}
