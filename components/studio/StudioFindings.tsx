"use client";
// Live lint findings as a clickable list: clicking one selects the node or field at its
// JSON pointer, or, in the JSON tab, moves the cursor to its line. While a new draft is
// written, only findings about edited parts are listed; the rest are counted, one click away.
import { useTranslations } from "next-intl";
import type { Finding } from "@/lib/scenario";

type Props = {
  findings: Finding[];
  errors: number;
  onSelect: (f: Finding) => void;
  /** Findings not listed because they are about parts nobody has edited yet. */
  hidden: number;
  /** Publishing is blocked by an error that is not listed. */
  hiddenErrors: boolean;
  showAll: boolean;
  onShowAll: (all: boolean) => void;
};

export function StudioFindings({ findings, errors, onSelect, hidden, hiddenErrors, showAll, onShowAll }: Props) {
  const t = useTranslations("studio");
  const ts = useTranslations("studioStart.findings");
  const warnings = findings.length - errors;
  return (
    <section className="studio-findings" aria-label={t("findings.title")} data-testid="studio-findings">
      <h2>
        {t("findings.title")}{" "}
        {findings.length === 0 && hidden === 0 ? (
          <span className="badge ok" data-testid="lint-summary">{t("findings.none")}</span>
        ) : findings.length === 0 ? null : (
          <span className={`badge ${errors ? "danger" : "warn"}`} data-testid="lint-summary">{t("findings.summary", { errors, warnings })}</span>
        )}
      </h2>
      {findings.length === 0 && hidden > 0 && <p className="muted small" data-testid="findings-waiting">{ts("nothingYet")}</p>}
      {hidden > 0 && (
        <p className="small studio-findings-hidden" data-testid="findings-hidden" data-count={hidden}>
          {hiddenErrors ? ts("publishHidden", { count: hidden }) : ts("hidden", { count: hidden })}{" "}
          <button type="button" className="btn ghost small" onClick={() => onShowAll(true)} data-testid="findings-show-all">{ts("showAll")}</button>
        </p>
      )}
      {showAll && hidden === 0 && findings.length > 0 && (
        <p className="small"><button type="button" className="btn ghost small" onClick={() => onShowAll(false)}>{ts("showTouched")}</button></p>
      )}
      {findings.length > 0 && (
        <ul className="studio-finding-list">
          {findings.map((f, i) => (
            <li key={`${f.code}${f.pointer}${i}`}>
              <button type="button" onClick={() => onSelect(f)} data-testid="finding" data-code={f.code} data-pointer={f.pointer} data-severity={f.severity}>
                <span className={`badge ${f.severity === "error" ? "danger" : "warn"}`}>{f.severity === "error" ? t("findings.error") : t("findings.warning")}</span>
                <code className="finding-code">{f.code}</code>
                <code className="pointer">{f.line !== undefined ? t("findings.lineColumn", { line: f.line, column: f.column ?? 1 }) : f.pointer || t("findings.wholeFile")}</code>
                <span className="finding-message">{f.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
