"use client";
// "+1 min" on a team's decision in the console: the time limit a facilitator can extend
// live, so nobody is cut off by a clock they cannot beat (the `extend` command,
// lib/session/time-limit.ts). Shown while the decision has a time limit.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import type { ConsoleTeam } from "@/lib/session/views";
import { runCommand } from "./stores";

export function ExtendTimeButton({ team }: { team: ConsoleTeam }) {
  const t = useTranslations("room.extend");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (team.node?.type !== "decision" || team.node.timeLimitSeconds === null || team.phase === "ended") return null;
  return (
    <>
      <button
        type="button"
        className="btn secondary btn-small"
        disabled={busy}
        aria-label={t("label", { team: team.name })}
        data-testid="extend-time"
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await runCommand({ type: "extend", teamId: team.id, seconds: 60 });
          setBusy(false);
          if (!res.ok) setError(errorText(res));
        }}
      >
        {t("button")}
      </button>
      {error && <div className="small error-text" role="alert">{error}</div>}
    </>
  );
}
