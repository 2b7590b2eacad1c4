// On the AAR page, beneath the report: the evidence pack download, and the improvement items
// of earlier sessions that this session's ratings verify, each for a person to confirm.
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";
import type { VerificationProposal } from "@/lib/improvements/verification";
import { ConfirmVerification } from "./ConfirmVerification";

export function EvidencePanel({ sessionId, canExport, canConfirm, proposals }: { sessionId: string; canExport: boolean; canConfirm: boolean; proposals: VerificationProposal[] }) {
  const t = useTranslations("evidence");
  if (!canExport && !proposals.length) return null;
  return (
    <section className="card" data-testid="evidence-panel" style={{ marginTop: 16 }}>
      {proposals.length > 0 && (
        <div data-testid="verification-proposals">
          <h2>{t("proposals.title")}</h2>
          <p className="small muted">{t("proposals.intro")}</p>
          <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {proposals.map((p) => (
              <li key={p.itemId} className="row" style={{ justifyContent: "space-between", gap: 8, padding: "6px 0", flexWrap: "wrap" }} data-testid="verification-proposal">
                <span>
                  <strong>{p.action}</strong>{" "}
                  <span className="small muted">
                    {t("proposals.detail", { team: p.teamName, capability: p.capabilityName, rating: p.rating })}
                    {p.origin && (
                      <>
                        {" · "}
                        <Link href={`/sessions/${p.origin.sessionId}/aar`}>{t("proposals.from", { title: p.origin.title })}</Link>
                      </>
                    )}
                  </span>
                </span>
                {canConfirm ? <ConfirmVerification itemId={p.itemId} sessionId={sessionId} /> : <span className="small muted">{t("proposals.askFacilitator")}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {canExport && (
        <div className="row" style={{ justifyContent: "space-between", gap: 8, flexWrap: "wrap", marginTop: proposals.length ? 12 : 0 }}>
          <div>
            <h2 style={{ margin: 0 }}>{t("export.title")}</h2>
            <p className="small muted" style={{ margin: "4px 0 0" }}>{t("export.intro")}</p>
          </div>
          <a className="btn" href={`/api/sessions/${sessionId}/evidence`} data-testid="export-evidence" download>{t("export.button")}</a>
        </div>
      )}
    </section>
  );
}
