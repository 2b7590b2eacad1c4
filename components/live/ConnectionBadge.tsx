"use client";
import { useTranslations } from "next-intl";
import type { ConnectionState } from "@/lib/realtime/client";

/** Whether the page is receiving live updates right now. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const t = useTranslations("live");
  return (
    <span className={`conn conn-${state}`} role="status" data-testid="connection" data-state={state}>
      <span className="dot" aria-hidden /> {t("connection", { state })}
    </span>
  );
}
