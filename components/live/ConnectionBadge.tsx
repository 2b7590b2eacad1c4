"use client";
import { useTranslations } from "next-intl";
import type { ConnectionState } from "@/lib/realtime/client";

/** Whether the page is receiving live updates right now; off once the session has ended. */
export function ConnectionBadge({ state, ended = false }: { state: ConnectionState; ended?: boolean }) {
  const t = useTranslations("live");
  const ts = useTranslations("stage.connection");
  if (ended) {
    return (
      <span className="conn conn-ended" role="status" data-testid="connection" data-state="ended">
        <span className="dot" aria-hidden /> {ts("ended")}
      </span>
    );
  }
  return (
    <span className={`conn conn-${state}`} role="status" data-testid="connection" data-state={state}>
      <span className="dot" aria-hidden /> {t("connection", { state })}
    </span>
  );
}
