// On the new-session form: scenarios that exercise the capabilities of a team's open
// improvement items, each a link that preselects the scenario.
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";
import type { ScenarioSuggestion } from "@/lib/improvements/suggestions";

export function ScenarioSuggestions({ suggestions }: { suggestions: ScenarioSuggestion[] }) {
  const t = useTranslations("evidence.suggest");
  if (!suggestions.length) return null;
  return (
    <section className="alert info" data-testid="scenario-suggestions">
      <strong>{t("title")}</strong>
      <ul style={{ margin: "6px 0 0", paddingLeft: 18 }}>
        {suggestions.map((s) => (
          <li key={s.teamId} data-testid="scenario-suggestion" data-team={s.teamName}>
            {t("team", { team: s.teamName, capabilities: s.openCapabilities.join(", ") })}{" "}
            {s.scenarios.map((sc, i) => (
              <span key={sc.id}>
                {i > 0 && " · "}
                <Link href={`/sessions/new?scenario=${encodeURIComponent(sc.id)}`}>{sc.title}</Link>
                <span className="small"> ({sc.covers.join(", ")})</span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
