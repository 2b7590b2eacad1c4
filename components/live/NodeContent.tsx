// What a node says, shared by the participant view, the present screen and the console:
// an inject's text and media, an ending's debrief, the team's last decision.
import type { LastDecision, NodeView } from "@/lib/session/views";
import { Markdown } from "./Markdown";
import { MediaCard } from "./MediaCard";

type InjectNode = Extract<NodeView, { type: "inject" }>;
type EndNode = Extract<NodeView, { type: "end" }>;

const OUTCOME_LABEL: Record<string, { label: string; badge: string }> = {
  success: { label: "Good outcome", badge: "ok" },
  partial: { label: "Mixed outcome", badge: "warn" },
  failure: { label: "Poor outcome", badge: "danger" },
};

export function InjectContent({ node, roleNames, headingLevel = 2 }: { node: InjectNode; roleNames?: Map<string, string>; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className="inject" data-testid="inject" data-node-id={node.id}>
      <div className="node-kicker">New information</div>
      <Heading className="inject-title">{node.title}</Heading>
      {node.audience && roleNames && (
        <p className="small muted">For: {node.audience.map((r) => roleNames.get(r) ?? r).join(", ")}</p>
      )}
      <Markdown text={node.body} className="inject-body" />
      {node.media.length > 0 && (
        <div className="media-list">
          {node.media.map((m, i) => (
            <MediaCard key={i} media={m} />
          ))}
        </div>
      )}
    </section>
  );
}

export function EndContent({ node, headingLevel = 2 }: { node: EndNode; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const outcome = OUTCOME_LABEL[node.outcome] ?? { label: node.outcome, badge: "neutral" };
  return (
    <section className={`ending outcome-${node.outcome}`} data-testid="ending" data-node-id={node.id}>
      <div className="node-kicker">The end</div>
      <Heading>{node.title}</Heading>
      <p><span className={`badge ${outcome.badge}`}>{outcome.label}</span></p>
      <h3 className="ending-sub">Debrief</h3>
      <Markdown text={node.debrief} />
    </section>
  );
}

export function outcomeLabel(outcome: string): { label: string; badge: string } {
  return OUTCOME_LABEL[outcome] ?? { label: outcome, badge: "neutral" };
}

/** How a decision was made, phrased to follow "Decided by". */
const METHOD_LABEL: Record<string, string> = {
  majority: "team majority",
  role: "the deciding role",
  "tie-break": "the facilitator, breaking a tie",
  facilitator: "the facilitator",
  override: "the facilitator, overriding the vote",
  timeout: "the clock: time ran out",
  "majority-at-timeout": "team majority when time ran out",
  "role-at-timeout": "the deciding role when time ran out",
};

export function methodLabel(method: string): string {
  return METHOD_LABEL[method] ?? method;
}

export function LastDecisionCard({ decision, title = "Your team decided" }: { decision: LastDecision; title?: string }) {
  return (
    <section className="last-decision" data-testid="last-decision">
      <div className="node-kicker">{title}</div>
      <p className="last-decision-label">{decision.label}</p>
      <p className="small muted">Decided by {methodLabel(decision.method)}</p>
      {decision.feedback && <Markdown text={decision.feedback} className="feedback" />}
    </section>
  );
}
