"use client";
// The console's decision-rights warning: the team is at a decision whose owner roles nobody
// in it holds, so locking it records "decided without its owner" (lib/session/decision-rights.ts).
import { useTranslations } from "next-intl";
import type { ConsoleTeam, ConsoleView } from "@/lib/session/views";

export function OwnerWarning({ team, roles }: { team: ConsoleTeam; roles: ConsoleView["roles"] }) {
  const t = useTranslations("rights.console");
  if (!team.withoutOwner?.length) return null;
  const names = team.withoutOwner.map((id) => roles.find((r) => r.id === id)?.name ?? id);
  return (
    <p className="owner-warning small" role="alert" data-testid="owner-warning" style={{ padding: "0.4rem 0.55rem", borderLeft: "3px solid var(--warn)", background: "var(--warn-soft)", color: "var(--warn)", borderRadius: 4 }}>
      <strong>{t("title")}</strong> {t("nobodyHolds", { roles: names.join(t("or")), count: names.length })}
    </p>
  );
}
