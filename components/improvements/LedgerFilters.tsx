// The ledger's filters as a plain GET form, so a filtered ledger is a link one can share.
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";
import { LEDGER_STATUSES } from "@/lib/improvements/history";
import type { TLedgerFilter } from "@/lib/improvements/ledger";

export function LedgerFilters({ filter, teams }: { filter: TLedgerFilter; teams: Array<{ id: string; name: string }> }) {
  const t = useTranslations("evidence.ledger");
  return (
    <form className="card row" method="get" action="/improvements" style={{ gap: 12, flexWrap: "wrap", alignItems: "flex-end", marginBottom: 16 }} data-testid="ledger-filters">
      <label className="field" style={{ marginBottom: 0 }}>
        <span className="small">{t("filters.team")}</span>
        <select name="team" defaultValue={filter.team ?? ""}>
          <option value="">{t("filters.any")}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>{team.name}</option>
          ))}
        </select>
      </label>
      <label className="field" style={{ marginBottom: 0 }}>
        <span className="small">{t("filters.status")}</span>
        <select name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("filters.any")}</option>
          {LEDGER_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label className="small" style={{ display: "inline-flex", alignItems: "center", gap: 6, paddingBottom: 10 }}>
        <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === "1"} style={{ width: "auto" }} /> {t("filters.overdue")}
      </label>
      <button type="submit" className="btn">{t("filters.apply")}</button>
      <Link className="btn secondary" href="/improvements">{t("filters.reset")}</Link>
    </form>
  );
}
