import type { Metadata } from "next";
import Link from "next/link";
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
  const labels: GraphLabels = {
    heading: { inject: tg("inject"), decision: tg("decision"), branch: tg("branch"), end: tg("end") },
    media: (count) => tg("media", { count }),
    questions: (count) => tg("questions", { count }),
    options: (count) => tg("options", { count }),
    limit: (seconds) => (seconds % 60 === 0 ? tg("limitMinutes", { minutes: seconds / 60 }) : tg("limitSeconds", { seconds })),
    decidedBy: (role) => tg("decidedBy", { role }),
    conditions: (count) => tg("conditions", { count }),
    onTimeout: tg("onTimeout"),
    caseN: (number) => tg("caseN", { number }),
    otherwise: tg("otherwise"),
  };
  const graph = buildScenarioGraph(doc, labels);
  const capabilityName = new Map(doc.capabilities.map((c) => [c.id, c.name]));
  const roles = doc.roles ?? [];
  const latest = version.versions[0];
  const isLatest = latest?.id === version.id;
  const t = await getTranslations("scenarios.detail");
  const tc = await getTranslations("scenarios");
  const locale = (await getLocale()) as Locale;

  return (
    <main className="page">
      <p className="small"><Link href="/scenarios">{t("back")}</Link></p>
      <div className="page-head">
        <div>
          <h1 lang={version.locale}>{version.title}</h1>
          <div className="row small muted">
            <span className="badge neutral">{localeName(version.locale, locale)}</span>
            <span>{tc("minutes", { count: version.estimatedMinutes })}</span>
            <span>{t("nodes", { nodes: graph.nodes.length, decisions: version.decisions })}</span>
            <LintBadge findings={version.lint} />
            <span>{t.rich("version", { hash: version.contentHash.slice(0, 12), code: (chunks) => <code>{chunks}</code> })}</span>
          </div>
        </div>
        <div className="row">
          {can(role, "scenarios", "export") && (
            <a className="btn secondary" href={`/scenarios/${version.id}/download`} download data-testid="download-json">{t("download")}</a>
          )}
          {can(role, "scenarios", "modify") && <Link className="btn secondary" href="/scenarios/upload">{t("uploadNew")}</Link>}
          {can(role, "scenarios", "modify") && <DuplicateButton scenarioId={version.id} />}
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

      <div className="detail-grid">
        <section className="card detail-summary" lang={version.locale}>
          <h2 lang={locale}>{t("summary")}</h2>
          <p>{version.summary}</p>
          {version.tags.length > 0 && (
            <ul className="tag-list" aria-label={tc("tags")}>
              {version.tags.map((tag) => (
                <li key={tag}><Link href={`/scenarios?tag=${encodeURIComponent(tag)}`} className="tag">{tag}</Link></li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" lang={version.locale}>
          <h2 lang={locale}>{t("objectives")}</h2>
          {doc.objectives.length ? (
            <ol className="plain-list">
              {doc.objectives.map((o) => (
                <li key={o.id}>
                  {o.text}
                  <div className="row small">
                    {o.capabilities.map((c) => <span key={c} className="badge neutral" title={capabilityName.get(c)}>{c}</span>)}
                  </div>
                </li>
              ))}
            </ol>
          ) : <p className="muted" lang={locale}>{t("noObjectives")}</p>}
        </section>

        <section className="card" lang={version.locale}>
          <h2 lang={locale}>{t("capabilities")}</h2>
          <ul className="plain-list">
            {doc.capabilities.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong> <code className="small">{c.id}</code>
                {(c.framework || c.ref) && <div className="muted small">{[c.framework, c.ref].filter(Boolean).join(" · ")}</div>}
              </li>
            ))}
          </ul>
        </section>

        <section className="card" lang={version.locale}>
          <h2 lang={locale}>{t("roles")}</h2>
          {roles.length ? (
            <ul className="plain-list">
              {roles.map((r) => (
                <li key={r.id}>
                  <strong>{r.name}</strong> <code className="small">{r.id}</code>
                  {r.description && <div className="muted small">{r.description}</div>}
                </li>
              ))}
            </ul>
          ) : <p className="muted" lang={locale}>{t("noRoles")}</p>}
        </section>

        <section className="card" lang={version.locale}>
          <h2 lang={locale}>{t("training")}</h2>
          {doc.training.length ? (
            <ul className="plain-list">
              {doc.training.map((topic) => (
                <li key={topic.id}>
                  {topic.url ? <a href={topic.url} target="_blank" rel="noopener noreferrer">{topic.title}</a> : topic.title}
                </li>
              ))}
            </ul>
          ) : <p className="muted" lang={locale}>{t("noTraining")}</p>}
        </section>

        <section className="card">
          <h2>{t("lint")}</h2>
          {version.lint.length === 0 ? (
            <p className="muted">{t("lintClean")}</p>
          ) : (
            <FindingList findings={version.lint} />
          )}
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

      <section className="card">
        <h2>{t("versions")}</h2>
        <VersionTable versions={version.versions} currentId={version.id} />
      </section>
    </main>
  );
}
