import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { getSettings } from "@/lib/privacy/settings";
import { loadDecision } from "@/lib/reports/decision";
import { reportScope } from "@/lib/reports/scope";
import { Forbidden } from "@/components/ui/Forbidden";
import { Markdown } from "@/components/live/Markdown";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("decision.metaTitle") };
}

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/reports/decisions/${id}`)}`);
  if (!reportScope(session.user)) return <Forbidden what="reports" />;
  const prisma = getPrisma();
  const { minGroupSize } = await getSettings(prisma);
  const load = await loadDecision(prisma, session.user, id, minGroupSize);
  if (load.kind === "missing") notFound();
  if (load.kind === "forbidden") return <Forbidden what="this session's reports" />;
  const d = load.detail;
  if (d.answers?.length) await audit(prisma, session.user, "view", "responses", d.session.id, { decisionId: d.id, answers: d.answers.length });
  const t = await getTranslations("reports");
  const format = await getFormatter();
  const pct = (p: number | null) => (p === null ? "–" : format.number(p / 100, { style: "percent", maximumFractionDigits: 1 }));
  const minutes = (d.decidedAt.getTime() - d.enteredAt.getTime()) / 60_000;

  return (
    <main className="page" data-testid="decision-detail">
      <nav className="small" aria-label={t("team.breadcrumb")}>
        <Link href="/reports">{t("title")}</Link>
        {d.team.teamId && <> · <Link href={`/reports/teams/${encodeURIComponent(d.team.teamId)}`}>{d.team.name}</Link></>}
        {" · "}<Link href={`/sessions/${d.session.id}`}>{d.session.title}</Link>
      </nav>
      <div className="page-head">
        <div>
          <div className="node-kicker">{t("decision.kicker", { team: d.team.name, visit: d.visit })}</div>
          <h1>{d.title ?? d.nodeId}</h1>
          {d.prompt && <Markdown text={d.prompt} className="lead" />}
          <p className="muted small">
            {d.session.scenarioTitle}
            {d.session.status === "ABORTED" && <> · {t("team.aborted")}</>}
            {d.session.anonymous && <> · {t("team.anonymous")}</>}
          </p>
        </div>
      </div>

      <div className="report-grid">
        <section className="card report-card" aria-labelledby="choice-heading">
          <h2 id="choice-heading">{t("decision.choiceHeading")}</h2>
          <dl className="facts">
            <dt>{t("decision.choice")}</dt>
            <dd data-testid="decision-choice">{d.timedOut ? t("decision.timeout") : (d.options.find((o) => o.chosen)?.label ?? d.optionId)}</dd>
            <dt>{t("decision.method")}</dt>
            <dd>{d.method}</dd>
            {d.reason && <><dt>{t("decision.reason")}</dt><dd>{d.reason}</dd></>}
            <dt>{t("decision.time")}</dt>
            <dd>{t("decision.minutes", { minutes: Math.round(minutes * 10) / 10 })}</dd>
          </dl>
          <h3>{t("decision.options")}</h3>
          <ul className="plain-list">
            {d.options.map((o) => (
              <li key={o.id} className={o.chosen ? "chosen-option" : undefined}>
                {o.chosen ? "▶ " : ""}{o.label} <span className="muted small">({t("decision.total", { total: o.total })})</span>
              </li>
            ))}
          </ul>
          <h3>{t("decision.votes")}</h3>
          {d.votes.suppressed ? (
            <p className="muted" data-testid="votes-withheld">
              {d.votes.respondents === 0 ? t("decision.noVotes") : t("withheld.smallCell", { respondents: d.votes.respondents, k: d.votes.minGroupSize })}
            </p>
          ) : (
            <ul className="plain-list">
              {d.votes.value.map((v) => <li key={v.optionId}>{d.options.find((o) => o.id === v.optionId)?.label ?? v.optionId}: <strong>{v.count}</strong></li>)}
            </ul>
          )}
        </section>

        <section className="card report-card" aria-labelledby="points-heading">
          <h2 id="points-heading">{t("decision.pointsHeading")}</h2>
          <table className="table">
            <thead><tr><th scope="col">{t("heatmap.capability")}</th><th scope="col" className="num">{t("decision.points")}</th><th scope="col" className="num">%</th></tr></thead>
            <tbody>
              {d.capabilities.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td className="num">{t("decision.pointsOf", { earned: c.earned, best: c.best })}</td>
                  <td className="num">{pct(c.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t("decision.answers")}</h3>
          {d.answers === null ? (
            <p className="muted" data-testid="answers-hidden">{t("decision.answersHidden")}</p>
          ) : d.answers.length === 0 ? (
            <p className="muted">{t("decision.noAnswers")}</p>
          ) : (
            <ul className="plain-list" data-testid="answers">
              {d.answers.map((a, i) => (
                <li key={i}><div className="muted small">{a.question} · {a.author}</div>{a.text ?? a.value}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
