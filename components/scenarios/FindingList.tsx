// Linter findings as a table: severity, code, where (JSON pointer, or line and column for
// syntax errors) and the message. Used by the detail page and the upload form alike.
import type { Finding } from "@/lib/scenario";

function where(f: Finding): string {
  if (f.line !== undefined) return `line ${f.line}, column ${f.column ?? 1}`;
  return f.pointer === "" ? "(whole file)" : f.pointer;
}

export function FindingList({ findings }: { findings: Finding[] }) {
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return (
    <div className="table-scroll">
      <table className="table findings" data-testid="findings">
        <thead>
          <tr><th>Severity</th><th>Where</th><th>Problem</th></tr>
        </thead>
        <tbody>
          {sorted.map((f, i) => (
            <tr key={i} data-severity={f.severity}>
              <td>
                <span className={`badge ${f.severity === "error" ? "danger" : "warn"}`}>{f.severity}</span>
                <div className="muted small finding-code">{f.code}</div>
              </td>
              <td><code className="pointer">{where(f)}</code></td>
              <td className="finding-message">{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "No problems", "2 warnings" or "1 error, 2 warnings" as a badge. */
export function LintBadge({ findings }: { findings: Finding[] }) {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return <span className="badge ok" data-testid="lint-status">Lint: no problems</span>;
  const parts = [errors ? `${errors} ${errors === 1 ? "error" : "errors"}` : null, warnings ? `${warnings} ${warnings === 1 ? "warning" : "warnings"}` : null];
  return <span className={`badge ${errors ? "danger" : "warn"}`} data-testid="lint-status">Lint: {parts.filter(Boolean).join(", ")}</span>;
}
