// Key to the node colours and edge styles of ScenarioGraph.
export function GraphLegend() {
  return (
    <ul className="graph-legend small" aria-label="Legend">
      <li><span className="swatch graph-node-inject" /> Inject</li>
      <li><span className="swatch graph-node-decision" /> Decision</li>
      <li><span className="swatch graph-node-branch" /> Branch</li>
      <li><span className="swatch graph-node-end outcome-success" /> End</li>
      <li><span className="swatch-line dashed" /> Timeout</li>
    </ul>
  );
}
