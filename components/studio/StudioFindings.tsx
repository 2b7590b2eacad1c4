"use client";
// Live lint findings as a clickable list: clicking one selects the node or field at its
// JSON pointer (or the JSON tab for a syntax error).
import { useTranslations } from "next-intl";
import type { Finding } from "@/lib/scenario";

export function StudioFindings({ findings, errors, onSelect }: { findings: Finding[]; errors: number; onSelect: (f: Finding) => void }) {
  const t = useTranslations("studio");
  const warnings = findings.length - errors;
  return (
    <section className="studio-findings" aria-label={t("findings.title")} data-testid="studio-findings">
      <h2>
        {t("findings.title")}{" "}
        {findings.length === 0 ? (
          <span className="badge ok" data-testid="lint-summary">{t("findings.none")}</span>
        ) : (
          <span className={`badge ${errors ? "danger" : "warn"}`} data-testid="lint-summary">{t("findings.summary", { errors, warnings })}</span>
        )}
      </h2>
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
