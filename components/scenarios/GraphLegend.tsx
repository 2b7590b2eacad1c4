// Key to the node colours and edge styles of ScenarioGraph.
import { useTranslations } from "next-intl";

export function GraphLegend() {
  const t = useTranslations("scenarios.graph");
  return (
    <ul className="graph-legend small" aria-label={t("legend")}>
      <li><span className="swatch graph-node-inject" /> {t("inject")}</li>
      <li><span className="swatch graph-node-decision" /> {t("decision")}</li>
      <li><span className="swatch graph-node-branch" /> {t("branch")}</li>
      <li><span className="swatch graph-node-end outcome-success" /> {t("end")}</li>
      <li><span className="swatch-line dashed" /> {t("timeout")}</li>
    </ul>
  );
}
