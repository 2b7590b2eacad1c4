// Linter findings as a table: severity, code, where (JSON pointer, or line and column for
// syntax errors) and the message. Used by the detail page and the upload form alike.
// The finding's own message comes from the linter (English, like its code and pointer).
import { useTranslations } from "next-intl";
import type { Finding } from "@/lib/scenario";

export function FindingList({ findings }: { findings: Finding[] }) {
  const t = useTranslations("scenarios.findings");
  const where = (f: Finding): string => {
    if (f.line !== undefined) return t("line", { line: f.line, column: f.column ?? 1 });
    return f.pointer === "" ? t("wholeFile") : f.pointer;
  };
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return (
    <div className="table-scroll">
      <table className="table findings" data-testid="findings">
        <thead>
          <tr><th>{t("severity")}</th><th>{t("where")}</th><th>{t("problem")}</th></tr>
        </thead>
        <tbody>
          {sorted.map((f, i) => (
            <tr key={i} data-severity={f.severity}>
              <td>
                <span className={`badge ${f.severity === "error" ? "danger" : "warn"}`}>{t("severityName", { severity: f.severity })}</span>
                <div className="muted small finding-code">{f.code}</div>
              </td>
              <td><code className="pointer">{where(f)}</code></td>
              <td className="finding-message" lang="en">{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "No problems", "2 warnings" or "1 error, 2 warnings" as a badge. */
export function LintBadge({ findings }: { findings: Finding[] }) {
  const t = useTranslations("scenarios.findings");
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return <span className="badge ok" data-testid="lint-status">{t("badgeClean")}</span>;
  return (
    <span className={`badge ${errors ? "danger" : "warn"}`} data-testid="lint-status">
      {t("badge", { errors, warnings, both: errors && warnings ? "yes" : "no" })}
    </span>
  );
}
