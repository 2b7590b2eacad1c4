import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { baseLanguage, contentLanguageDiffers, languageName } from "@/lib/i18n/language-name";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getScenarioVersion } from "@/lib/catalog/store";
import { buildScenarioGraph, type GraphLabels } from "@/lib/catalog/graph";
import { Forbidden } from "@/components/ui/Forbidden";
import { FindingList, LintBadge } from "@/components/scenarios/FindingList";
import { ScenarioGraph } from "@/components/scenarios/ScenarioGraph";
import { GraphLegend } from "@/components/scenarios/GraphLegend";
import { VersionTable } from "@/components/scenarios/VersionTable";
import { localeName } from "@/components/scenarios/locale-name";
import { DuplicateButton } from "@/components/studio/DraftActions";
import { Markdown } from "@/components/live/Markdown";
import { conditionVocabulary } from "@/components/scenarios/condition-vocabulary";
import { scenarioProfile } from "@/lib/catalog/profile";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const session = await getSession();
  const tm = await getTranslations("scenarios");
  if (!session || !can(session.user.role, "scenarios", "view")) return { title: tm("title") };
  const version = await getScenarioVersion(getPrisma(), (await params).id);
  return { title: version?.title ?? tm("detail.notFound") };
}

export default async function ScenarioPage({ params }: { params: Params }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/scenarios/${id}`)}`);
  const { role } = session.user;
  if (!can(role, "scenarios", "view")) return <Forbidden what="catalogue" />;

  const version = await getScenarioVersion(getPrisma(), id);
  if (!version) notFound();
  const doc = version.document;
  const tg = await getTranslations("scenarios.graph");
  const tl = await getTranslations("scenarioLanding");
  const labels: GraphLabels = {
    heading: { inject: tg("inject"), decision: tg("decision"), branch: tg("branch"), end: tg("end") },
    media: (count) => tg("media", { count }),
    questions: (count) => tg("questions", { count }),
    options: (count) => tg("options", { count }),
    limit: (seconds) => (seconds % 60 === 0 ? tg("limitMinutes", { minutes: seconds / 60 }) : tg("limitSeconds", { seconds })),
    decidedBy: (role) => tg("decidedBy", { role }),
    conditions: (count) => tg("conditions", { count }),
    onTimeout: tg("onTimeout"),
    condition: conditionVocabulary((key, values) => tl(`conditions.${key}`, values)),
    otherwise: tl("conditions.otherwise"),
  };
  const graph = buildScenarioGraph(doc, labels);
  const profile = scenarioProfile(doc);
  const latest = version.versions[0];
  const isLatest = latest?.id === version.id;
  const t = await getTranslations("scenarios.detail");
  const tc = await getTranslations("scenarios");
  const locale = (await getLocale()) as Locale;
  const canRun = can(role, "sessions", "modify");
  const canExport = can(role, "scenarios", "export");
  const canModify = can(role, "scenarios", "modify");

  return (
    <main className="page scenario-landing">
      <p className="small"><Link href="/scenarios">{t("back")}</Link></p>
      <div className="page-head landing-head">
        <div>
          <h1 lang={version.locale}>{version.title}</h1>
          <p className="lead" lang={version.locale}>{version.summary}</p>
        </div>
        <div className="landing-actions">
          {canRun && (
            <Link className="btn primary-action" href={`/sessions/new?scenario=${encodeURIComponent(version.id)}`} data-testid="run-scenario" aria-describedby="run-help">
              {tl("run")}
            </Link>
          )}
          {(canExport || canModify) && (
            <details className="more-menu" data-testid="scenario-more">
              <summary className="btn secondary" aria-label={tl("moreLabel")}>{tl("more")} <span aria-hidden>▾</span></summary>
              <div className="more-menu-list">
                {canExport && <a href={`/scenarios/${version.id}/download`} download data-testid="download-json">{tl("download")}</a>}
                {canModify && <Link href="/scenarios/upload">{tl("uploadNew")}</Link>}
                {canModify && <DuplicateButton scenarioId={version.id} />}
              </div>
            </details>
          )}
          {canRun && <p className="small muted" id="run-help">{tl("runHelp")}</p>}
        </div>
      </div>

      {!isLatest && latest && (
        <div className="alert info">
          {t("olderVersion")} <Link href={`/scenarios/${latest.id}`}>{t("openNewest")}</Link>
        </div>
      )}
      {contentLanguageDiffers(version.locale, locale) && (
        <div className="alert info content-language" role="note" data-testid="content-language">
          {t("contentLanguage", { code: baseLanguage(version.locale), language: languageName(version.locale, locale) })}
        </div>
      )}

      <dl className="landing-facts" aria-label={tl("facts.label")} data-testid="scenario-facts">
        <div>
          <dt>{tl("facts.length")}</dt>
          <dd>{tl("facts.minutes", { count: profile.minutes })} · {tl("facts.decisions", { count: profile.decisions })}</dd>
        </div>
        <div>
          <dt>{tl("facts.difficulty")}</dt>
          <dd>
            <span className={`badge level-${profile.difficulty}`} data-testid="scenario-difficulty">{tl(`facts.level.${profile.difficulty}`)}</span>
            <span className="small muted"> {tl("facts.why", { decisions: profile.decisions, timed: profile.timedDecisions, consequences: profile.consequences, endings: profile.endings })}</span>
          </dd>
        </div>
        <div>
          <dt>{tl("facts.language")}</dt>
          <dd>{localeName(version.locale, locale)}</dd>
        </div>
      </dl>

      <div className="landing-grid">
        <section className="card" data-testid="scenario-audience">
          <h2>{tl("audience.heading")}</h2>
          {profile.roles.length ? (
            <>
              <p>{tl("audience.roles", { count: profile.roles.length })}</p>
              <ul className="plain-list" lang={version.locale}>
                {profile.roles.map((r) => (
                  <li key={r.id}>
                    <strong>{r.name}</strong>
                    {r.decides && <span className="badge neutral small-badge" lang={locale}>{tl("audience.decides")}</span>}
                    {r.description && <div className="muted small">{r.description}</div>}
                  </li>
                ))}
              </ul>
              <p className="small muted">{tl("audience.vote")}</p>
            </>
          ) : <p>{tl("audience.noRoles")}</p>}
        </section>

        <section className="card" data-testid="scenario-practises">
          <h2>{tl("practises.heading")}</h2>
          <ul className="plain-list practise-list">
            {profile.capabilities.map((c) => (
              <li key={c.id}>
                <strong lang={version.locale}>{c.name}</strong>
                {c.csf ? (
                  <div className="muted small">{c.csf.categoryName ? tl("practises.csfCategory", { function: c.csf.functionName, category: c.csf.categoryName }) : tl("practises.csf", { function: c.csf.functionName })}</div>
                ) : c.framework && c.framework !== "custom" ? <div className="muted small">{tl("practises.other", { framework: c.framework.toUpperCase() })}</div> : null}
                {c.objectives.length > 0 && (
                  <ul className="objective-list" lang={version.locale}>
                    {c.objectives.map((o) => <li key={o}>{o}</li>)}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>

        <section className="card opening-card" data-testid="scenario-opening">
          <h2>{tl("opening.heading")}</h2>
          {profile.opening ? (
            <>
              <p className="small muted">{profile.opening.kind === "inject" ? tl("opening.kindInject") : tl("opening.kindDecision")}</p>
              {profile.opening.title && <h3 lang={version.locale}>{profile.opening.title}</h3>}
              <div className="opening-preview">
                <Markdown text={profile.opening.body} lang={version.locale} />
              </div>
              <p className="small muted">{tl("opening.readMore")}</p>
            </>
          ) : <p className="muted">{tl("opening.none")}</p>}
        </section>
      </div>

      <section className="card graph-card">
        <div className="row graph-card-head">
          <h2>{t("graph")}</h2>
          <GraphLegend />
        </div>
        <p className="muted small">
          {graph.layout === "editor" ? t("layoutEditor") : t("layoutAuto")} {t("graphHelp")}
        </p>
        <ScenarioGraph graph={graph} />
      </section>

      {doc.training.length > 0 && (
        <section className="card" lang={version.locale}>
          <h2 lang={locale}>{tl("training")}</h2>
          <ul className="plain-list">
            {doc.training.map((topic) => (
              <li key={topic.id}>
                {topic.url ? <a href={topic.url} target="_blank" rel="noopener noreferrer">{topic.title}</a> : topic.title}
              </li>
            ))}
          </ul>
        </section>
      )}

      <details className="card technical-details" data-testid="technical-details">
        <summary>
          <h2>{tl("technical.heading")}</h2> <LintBadge findings={version.lint} />
          <span className="small muted technical-hint">{tl("technical.hint")}</span>
        </summary>
        <dl className="tech-list">
          <dt>{tl("technical.scenarioId")}</dt><dd><code>{doc.id}</code></dd>
          <dt>{tl("technical.version")}</dt><dd>{t.rich("version", { hash: version.contentHash.slice(0, 12), code: (chunks) => <code>{chunks}</code> })}</dd>
          <dt>{tl("technical.locale")}</dt><dd><code>{version.locale}</code></dd>
          <dt>{tl("technical.ids")}</dt>
          <dd>
            {doc.capabilities.map((c) => <code key={c.id} className="id-chip" title={c.name}>{c.id}</code>)}
            {(doc.roles ?? []).map((r) => <code key={r.id} className="id-chip" title={r.name}>{r.id}</code>)}
          </dd>
          <dt>{t("nodes", { nodes: graph.nodes.length, decisions: version.decisions })}</dt>
          <dd>{canExport && <a href={`/scenarios/${version.id}/download`} download>{tl("download")}</a>}</dd>
        </dl>
        <h3>{t("lint")}</h3>
        {version.lint.length === 0 ? <p className="muted">{t("lintClean")}</p> : <FindingList findings={version.lint} />}
        <h3>{t("versions")}</h3>
        <VersionTable versions={version.versions} currentId={version.id} />
      </details>
    </main>
  );
}
