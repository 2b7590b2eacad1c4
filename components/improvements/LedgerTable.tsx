// The ledger rows: overdue items highlighted, the session each came from and the one that verified it.
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";
import type { LedgerRow } from "@/lib/improvements/ledger";
import { LedgerActions } from "./LedgerActions";

const BADGE: Record<LedgerRow["status"], string> = { OPEN: "", IN_PROGRESS: "warn", DONE: "neutral", VERIFIED: "ok", CANCELLED: "neutral" };

export function LedgerTable({ rows }: { rows: LedgerRow[] }) {
  const t = useTranslations("evidence.ledger");
  if (!rows.length) return <p className="muted" data-testid="ledger-empty">{t("empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="ledger-table">
        <thead>
          <tr>
            <th>{t("columns.action")}</th>
            <th>{t("columns.status")}</th>
            <th>{t("columns.due")}</th>
            <th>{t("columns.owner")}</th>
            <th>{t("columns.team")}</th>
            <th>{t("columns.origin")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} id={`item-${r.id}`} data-testid="ledger-row" data-item={r.id} data-status={r.status} data-overdue={r.overdue ? "1" : "0"} style={r.overdue ? { background: "var(--danger-soft)" } : undefined}>
              <td>
                <strong>{r.action}</strong>
                <div className="small muted">{r.capabilityId}</div>
                {r.canEdit && <LedgerActions row={r} />}
              </td>
              <td>
                <span className={`badge ${BADGE[r.status]}`} data-testid="ledger-status">{t(`status.${r.status}`)}</span>
                {r.verifiedBy && (
                  <div className="small">
                    <Link href={`/sessions/${r.verifiedBy.sessionId}/aar`} data-testid="ledger-verified-by">{t("verifiedBy", { title: r.verifiedBy.title })}</Link>
                  </div>
                )}
              </td>
              <td>
                {r.dueDate ?? <span className="muted">{t("noDue")}</span>}
                {r.overdue && (
                  <div>
                    <span className="badge danger" data-testid="ledger-overdue">{t("overdue")}</span>
                  </div>
                )}
              </td>
              <td>{r.owner}</td>
              <td>{r.teamName ?? "—"}</td>
              <td className="small">{r.origin ? <Link href={`/sessions/${r.origin.sessionId}/aar`}>{r.origin.title}</Link> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
