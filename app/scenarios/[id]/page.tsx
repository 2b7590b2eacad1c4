import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getScenarioVersion } from "@/lib/catalog/store";
import { buildScenarioGraph } from "@/lib/catalog/graph";
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
  if (!session || !can(session.user.role, "scenarios", "view")) return { title: "Scenario" };
  const version = await getScenarioVersion(getPrisma(), (await params).id);
  return { title: version?.title ?? "Scenario not found" };
}

export default async function ScenarioPage({ params }: { params: Params }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/scenarios/${id}`)}`);
  const { role } = session.user;
  if (!can(role, "scenarios", "view")) return <Forbidden what="the scenario catalogue" />;

  const version = await getScenarioVersion(getPrisma(), id);
  if (!version) notFound();
  const doc = version.document;
  const graph = buildScenarioGraph(doc);
  const capabilityName = new Map(doc.capabilities.map((c) => [c.id, c.name]));
  const roles = doc.roles ?? [];
  const latest = version.versions[0];
  const isLatest = latest?.id === version.id;

  return (
    <main className="page">
      <p className="small"><Link href="/scenarios">← Scenarios</Link></p>
      <div className="page-head">
        <div>
          <h1 lang={version.locale}>{version.title}</h1>
          <div className="row small muted">
            <span className="badge neutral">{localeName(version.locale)}</span>
            <span>{version.estimatedMinutes} min</span>
            <span>{graph.nodes.length} nodes · {version.decisions} decisions</span>
            <LintBadge findings={version.lint} />
            <span>version <code>{version.contentHash.slice(0, 12)}</code></span>
          </div>
        </div>
        <div className="row">
          {can(role, "scenarios", "export") && (
            <a className="btn secondary" href={`/scenarios/${version.id}/download`} download data-testid="download-json">Download JSON</a>
          )}
          {can(role, "scenarios", "modify") && <Link className="btn secondary" href="/scenarios/upload">Upload a new version</Link>}
          {can(role, "scenarios", "modify") && <DuplicateButton scenarioId={version.id} />}
        </div>
      </div>

      {!isLatest && latest && (
        <div className="alert info">
          You are looking at an older version. <Link href={`/scenarios/${latest.id}`}>Open the newest version</Link>.
        </div>
      )}

      <div className="detail-grid">
        <section className="card detail-summary" lang={version.locale}>
          <h2>Summary</h2>
          <p>{version.summary}</p>
          {version.tags.length > 0 && (
            <ul className="tag-list" aria-label="Tags">
              {version.tags.map((t) => (
                <li key={t}><Link href={`/scenarios?tag=${encodeURIComponent(t)}`} className="tag">{t}</Link></li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" lang={version.locale}>
          <h2>Objectives</h2>
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
          ) : <p className="muted">No objectives are declared.</p>}
        </section>

        <section className="card" lang={version.locale}>
          <h2>Capabilities</h2>
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
          <h2>Roles</h2>
          {roles.length ? (
            <ul className="plain-list">
              {roles.map((r) => (
                <li key={r.id}>
                  <strong>{r.name}</strong> <code className="small">{r.id}</code>
                  {r.description && <div className="muted small">{r.description}</div>}
                </li>
              ))}
            </ul>
          ) : <p className="muted">No roles: every decision is a team vote.</p>}
        </section>

        <section className="card" lang={version.locale}>
          <h2>Training topics</h2>
          {doc.training.length ? (
            <ul className="plain-list">
              {doc.training.map((t) => (
                <li key={t.id}>
                  {t.url ? <a href={t.url} target="_blank" rel="noopener noreferrer">{t.title}</a> : t.title}
                </li>
              ))}
            </ul>
          ) : <p className="muted">No training topics are linked.</p>}
        </section>

        <section className="card">
          <h2>Lint</h2>
          {version.lint.length === 0 ? (
            <p className="muted">The linter found no problems in this version.</p>
          ) : (
            <FindingList findings={version.lint} />
          )}
        </section>
      </div>

      <section className="card graph-card">
        <div className="row graph-card-head">
          <h2>Graph</h2>
          <GraphLegend />
        </div>
        <p className="muted small">
          {graph.layout === "editor" ? "Laid out as placed in the editor." : "Laid out automatically, from the start at the top to the endings below."}{" "}
          Drag to pan; use the buttons in the corner to zoom.
        </p>
        <ScenarioGraph graph={graph} />
      </section>

      <section className="card">
        <h2>Versions</h2>
        <VersionTable versions={version.versions} currentId={version.id} />
      </section>
    </main>
  );
}
