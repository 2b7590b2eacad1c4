// One scenario in the catalogue: title, summary, language, length and tags (each a filter link).
import Link from "next/link";
import type { ScenarioSummary } from "@/lib/catalog/store";
import { localeName } from "./locale-name";

export function ScenarioCard({ scenario }: { scenario: ScenarioSummary }) {
  return (
    <article className="card scenario-card" data-testid="scenario-card" data-slug={scenario.slug}>
      <h2><Link href={`/scenarios/${scenario.id}`}>{scenario.title}</Link></h2>
      <div className="row small muted scenario-meta">
        <span className="badge neutral" lang={scenario.locale}>{localeName(scenario.locale)}</span>
        <span>{scenario.estimatedMinutes} min</span>
        <span>{scenario.decisions} {scenario.decisions === 1 ? "decision" : "decisions"}</span>
        {scenario.source === "upload" && <span className="badge">uploaded</span>}
      </div>
      <p className="scenario-summary">{scenario.summary}</p>
      {scenario.tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {scenario.tags.map((t) => (
            <li key={t}><Link href={`/scenarios?tag=${encodeURIComponent(t)}`} className="tag">{t}</Link></li>
          ))}
        </ul>
      )}
    </article>
  );
}
