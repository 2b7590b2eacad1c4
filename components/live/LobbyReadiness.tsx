"use client";
// The console lobby's readiness checklist (lib/session/readiness.ts): every team holds its
// deciding roles, no team is below k (its report would be blank), everyone has a team.
// The same reasons appear in the Start button's warning.
import { useTranslations } from "next-intl";
import { checkReadiness, type Readiness, type ReadinessCheck } from "@/lib/session/readiness";
import type { ConsoleView } from "@/lib/session/views";

export function readinessOf(view: ConsoleView, minGroupSize: number): Readiness {
  return checkReadiness({ teams: view.teams, roster: view.roster, decidingRoles: view.roles.filter((r) => r.decides).map((r) => r.id), minGroupSize });
}

/** One line per failed check, in words, naming the teams, roles and counts. */
export function useReadinessReasons(view: ConsoleView): (check: ReadinessCheck) => string {
  const t = useTranslations("room.readiness");
  const teamName = new Map(view.teams.map((team) => [team.id, team.name]));
  const roleName = new Map(view.roles.map((r) => [r.id, r.name]));
  return (check) => {
    if (check.id === "DECIDING_ROLES") {
      if (check.ok) return t("rolesOk");
      return check.missing.map((m) => t("rolesMissing", { team: teamName.get(m.teamId) ?? m.teamId, roles: m.roleIds.map((r) => roleName.get(r) ?? r).join(", ") })).join(" ");
    }
    if (check.id === "GROUP_SIZE") {
      if (check.ok) return t("sizeOk", { k: check.minGroupSize });
      return check.small.map((s) => t("sizeSmall", { team: teamName.get(s.teamId) ?? s.teamId, members: s.members, k: check.minGroupSize })).join(" ");
    }
    return check.ok ? t("placedOk") : t("unplaced", { count: check.unplaced.length });
  };
}

export function LobbyReadiness({ view, minGroupSize }: { view: ConsoleView; minGroupSize: number }) {
  const t = useTranslations("room.readiness");
  const readiness = readinessOf(view, minGroupSize);
  const reason = useReadinessReasons(view);
  return (
    <section className="card readiness" aria-labelledby="readiness-heading" data-testid="readiness" data-ready={readiness.ready}>
      <h2 id="readiness-heading">{t("heading")}</h2>
      <ul className="readiness-list">
        {readiness.checks.map((check) => (
          <li key={check.id} className={check.ok ? "ok" : "fail"} data-testid="readiness-check" data-code={check.id} data-ok={check.ok}>
            <span className="readiness-mark" aria-hidden>{check.ok ? "✓" : "!"}</span>
            <div>
              <strong>{t(`check.${check.id}`)}</strong>
              <span className="sr-only">{check.ok ? t("passed") : t("failed")}</span>
              <div className="small">{reason(check)}</div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
