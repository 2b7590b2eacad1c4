"use client";
// Team and role pickers, used when participants choose for themselves: on the join
// form and, later, on the participant's own page.
import { useTranslations } from "next-intl";

type Option = { id: string; name: string; description?: string | null };

export function TeamRoleFields({ teams, roles, teamId, roleId, onChange, idPrefix = "pick" }: {
  teams: Option[];
  roles: Option[];
  teamId: string;
  roleId: string;
  onChange: (next: { teamId: string; roleId: string }) => void;
  idPrefix?: string;
}) {
  const t = useTranslations("join");
  const role = roles.find((r) => r.id === roleId);
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-team`}>{t("teamLabel")}</label>
        <select id={`${idPrefix}-team`} value={teamId} required onChange={(e) => onChange({ teamId: e.target.value, roleId })}>
          {teams.length > 1 && <option value="">{t("teamPlaceholder")}</option>}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </div>
      {roles.length > 0 && (
        <div className="field">
          <label htmlFor={`${idPrefix}-role`}>{t("roleLabel")}</label>
          <select id={`${idPrefix}-role`} value={roleId} onChange={(e) => onChange({ teamId, roleId: e.target.value })}>
            <option value="">{t("noRole")}</option>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>{r.name}</option>
            ))}
          </select>
          <p className="hint">{role?.description ?? t("roleHint")}</p>
        </div>
      )}
    </>
  );
}
