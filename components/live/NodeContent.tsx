"use client";
// What a node says, shared by the participant view, the present screen and the console:
// an inject's text and media, an ending's debrief, the team's last decision.
import "./stage.css";
import { useTranslations } from "next-intl";
import type { LastDecision, NodeView } from "@/lib/session/views";
import { Markdown } from "./Markdown";
import { MediaCard } from "./MediaCard";

type InjectNode = Extract<NodeView, { type: "inject" }>;
type EndNode = Extract<NodeView, { type: "end" }>;

const OUTCOME_BADGE: Record<string, string> = { success: "ok", partial: "warn", failure: "danger" };

export function outcomeBadge(outcome: string): string {
  return OUTCOME_BADGE[outcome] ?? "neutral";
}

/** A decision method ("majority-at-timeout") as the key of the catalogue's select ("majorityAtTimeout"). */
export function methodKey(method: string): string {
  return method.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

// `contentLang` marks the scenario's own text with its language (it is not translated).
export function InjectContent({ node, roleNames, headingLevel = 2, contentLang }: { node: InjectNode; roleNames?: Map<string, string>; headingLevel?: 1 | 2; contentLang?: string }) {
  const t = useTranslations("live.node");
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className="inject" data-testid="inject" data-node-id={node.id}>
      <div className="node-kicker">{t("newInformation")}</div>
      <Heading className="inject-title" lang={contentLang}>{node.title}</Heading>
      {node.audience && roleNames && (
        <p className="small muted">{t("for", { roles: node.audience.map((r) => roleNames.get(r) ?? r).join(", ") })}</p>
      )}
      <Markdown text={node.body} className="inject-body" lang={contentLang} />
      {node.media.length > 0 && (
        <div className="media-list" lang={contentLang}>
          {node.media.map((m, i) => (
            <MediaCard key={i} media={m} />
          ))}
        </div>
      )}
    </section>
  );
}

export function EndContent({ node, headingLevel = 2, contentLang }: { node: EndNode; headingLevel?: 1 | 2; contentLang?: string }) {
  const t = useTranslations("live.node");
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className={`ending outcome-${node.outcome}`} data-testid="ending" data-node-id={node.id}>
      <div className="node-kicker">{t("theEnd")}</div>
      <Heading lang={contentLang}>{node.title}</Heading>
      <p><span className={`badge ${outcomeBadge(node.outcome)}`}>{t("outcome", { outcome: node.outcome })}</span></p>
      <h3 className="ending-sub">{t("debrief")}</h3>
      <Markdown text={node.debrief} lang={contentLang} />
    </section>
  );
}

/** A locked decision's label: the option's, or "Time ran out" in the reader's language. */
export function useDecisionLabel(): (decision: LastDecision) => string {
  const tt = useTranslations("stage.timeout");
  return (decision) => (decision.timedOut ? tt("label") : decision.label);
}

export function LastDecisionCard({ decision, title, contentLang }: { decision: LastDecision; title?: string; contentLang?: string }) {
  const t = useTranslations("live.node");
  const tt = useTranslations("stage.timeout");
  if (decision.timedOut) {
    // Time ran out: a warning, never "your team decided".
    return (
      <section className="last-decision timed-out" data-testid="last-decision" data-timed-out="true" role="status">
        <div className="node-kicker">{tt("label")}</div>
        <p className="last-decision-label">{tt("title")}</p>
        <p className="small">{tt("body")}</p>
      </section>
    );
  }
  return (
    <section className="last-decision" data-testid="last-decision" data-timed-out="false">
      <div className="node-kicker">{title ?? t("teamDecided")}</div>
      <p className="last-decision-label" lang={contentLang}>{decision.label}</p>
      <p className="small muted">{t("decidedBy", { method: methodKey(decision.method) })}</p>
      {decision.feedback && <Markdown text={decision.feedback} className="feedback" lang={contentLang} />}
    </section>
  );
}
