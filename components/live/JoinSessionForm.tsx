"use client";
// The second step of joining, once the code is known to be valid: a display name (or
// the promise of a pseudonym), team and role when participants pick them, then
// participant:join over the socket. The token it returns stays on this device.
import Link from "@/components/ui/IntentLink";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { errorText, type ErrorTranslator } from "@/lib/i18n/error-text";
import { AckTimeoutError, loadParticipantToken, newIdempotencyKey, RealtimeClient, RequestError, saveParticipantToken } from "@/lib/realtime/client";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TeamRoleFields } from "./TeamRoleFields";

export type JoinableSession = {
  id: string;
  title: string;
  anonymous: boolean;
  selfAssign: boolean;
  locale: string;
  scenarioLocale: string;
  teams: Array<{ id: string; name: string }>;
  roles: Array<{ id: string; name: string; description?: string | null }>;
};

export function JoinSessionForm({ code, session }: { code: string; session: JoinableSession }) {
  const t = useTranslations("join");
  const te = useTranslations("errors") as unknown as ErrorTranslator;
  const router = useRouter();
  const [displayName, setDisplayName] = useState("");
  const [pick, setPick] = useState({ teamId: session.teams.length === 1 ? session.teams[0].id : "", roleId: "" });
  const [busy, setBusy] = useState(false);
  // One key for this person's join: pressing Join again after a lost answer is the same join.
  const joinKey = useRef(newIdempotencyKey());
  const [error, setError] = useState<string | null>(null);
  const [alreadyJoined, setAlreadyJoined] = useState(false);
  // Until the page's script runs, a name typed or a Join pressed would be lost: the fields wait.
  const ready = useHydrated();

  useEffect(() => {
    setAlreadyJoined(loadParticipantToken(session.id) !== null);
  }, [session.id]);

  async function join(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!session.anonymous && !displayName.trim()) {
      setError(t("nameRequired"));
      return;
    }
    if (session.selfAssign && session.teams.length > 1 && !pick.teamId) {
      setError(t("teamRequired"));
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
      if (err instanceof RequestError) setError(errorText(te, err));
      else if (err instanceof AckTimeoutError) setError(t("timeout"));
      else setError(t("failed"));
    } finally {
      client.close();
    }
  }

  return (
    <form onSubmit={join} noValidate data-testid="join-session-form" aria-busy={!ready}>
      {alreadyJoined && (
        <div className="alert info">
          {t("alreadyJoined")} <Link href={`/play/${session.id}`}>{t("continue")}</Link>
        </div>
      )}
      <fieldset className="join-fields" disabled={!ready}>
        {session.anonymous ? (
          <div className="alert info anonymous-note" data-testid="anonymous-note">
            <strong>{t("anonymousTitle")}</strong> {t("anonymousBody")}
          </div>
        ) : (
          <div className="field">
            <label htmlFor="display-name">{t("nameLabel")}</label>
            <input id="display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={40} autoComplete="name" required />
            <p className="hint">{t("nameHint")}</p>
          </div>
        )}
        {session.selfAssign && (
          <TeamRoleFields teams={session.teams} roles={session.roles} teamId={pick.teamId} roleId={pick.roleId} onChange={setPick} idPrefix="join" />
        )}
        {!session.selfAssign && <p className="small muted">{t("facilitatorAssigns")}</p>}
        {error && <div className="alert error" role="alert">{error}</div>}
        <button className="btn block" type="submit" disabled={busy}>{busy ? t("submitting") : t("submit")}</button>
      </fieldset>
    </form>
  );
}
