"use client";
// The studio: one document shown as a graph, as forms and as JSON, linted live, with undo and
// redo, autosaved as the author's draft, playable, and published as a new catalogue version.
import Link from "@/components/ui/IntentLink";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { hasErrors, lintScenario, lintScenarioText, type Finding } from "@/lib/scenario";
import { isObject, moveNodes, nodeIndexOfPointer, nodesOf, type StudioDoc } from "@/lib/studio/document";
import { autoLayout } from "@/lib/studio/graph";
import { canRedo, canUndo, createHistory, record, redo, undo, type History } from "@/lib/studio/history";
import { touchedScopes, visibleFindings } from "@/lib/studio/touched";
import { StudioContext, type Selection, type StudioApi } from "./context";
import { StudioCanvas } from "./StudioCanvas";
import { Inspector } from "./Inspector";
import { JsonTab, formatDocument, type JsonGoto } from "./JsonTab";
import { withoutPosition } from "./syntax";
import { Playtest } from "./Playtest";
import { CoverageView } from "./CoverageView";
import { StudioFindings } from "./StudioFindings";
import { SaveBadge, type SaveState } from "./SaveBadge";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";

type Tab = "graph" | "json" | "playtest" | "coverage";
type Published = { id: string; contentHash: string; created: boolean } | null;

export const AUTOSAVE_DELAY_MS = 1000;

/** A loaded file gets positions for every node once, so its layout stays put from then on. */
function withLayout(doc: StudioDoc): StudioDoc {
  const nodes = nodesOf(doc);
  if (nodes.length === 0 || nodes.every((n) => isObject(n.editor))) return doc;
  return moveNodes(doc, autoLayout(doc));
}

export function StudioEditor({ draftId, initialDocument, updatedAt, maxBytes }: { draftId: string; initialDocument: StudioDoc; updatedAt: string; maxBytes: number }) {
  const t = useTranslations("studio");
  const [history, setHistory] = useState<History<StudioDoc>>(() => createHistory(withLayout(initialDocument)));
  const [selection, setSelection] = useState<Selection>({ index: null, pointer: null, seq: 0 });
  const [tab, setTab] = useState<Tab>("graph");
  const [save, setSave] = useState<SaveState>({ kind: "saved", at: new Date(updatedAt) });
  const [published, setPublished] = useState<Published>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doc = history.present;
  const savedDoc = useRef<StudioDoc>(initialDocument);
  const latestDoc = useRef<StudioDoc>(doc);
  latestDoc.current = doc;
  const fileInput = useRef<HTMLInputElement>(null);

  // A fresh draft shows only findings about what the author has edited (lib/studio/touched.ts);
  // a draft that already has nodes (reopened, imported, copied) shows everything.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(() => nodesOf(initialDocument).length > 0);
  const [jsonGoto, setJsonGoto] = useState<JsonGoto | null>(null);
  const allFindings = useMemo(() => lintScenario(doc).findings, [doc]);
  const findings = useMemo(() => (showAll ? allFindings : visibleFindings(allFindings, touched)), [allFindings, showAll, touched]);
  const errors = findings.filter((f) => f.severity === "error").length;
  const hidden = allFindings.length - findings.length;

  const change = useCallback((next: StudioDoc, key?: string) => {
    const scopes = touchedScopes(latestDoc.current, next);
    if (scopes.length) setTouched((t) => (scopes.every((s) => t.has(s)) ? t : new Set([...t, ...scopes])));
    setHistory((h) => record(h, next, { key }));
    setPublished(null);
  }, []);
  const select = useCallback((index: number | null, pointer: string | null = null) => {
    setSelection((s) => ({ index, pointer, seq: s.seq + 1 }));
  }, []);
  const api: StudioApi = useMemo(() => ({ doc, change, selection, select }), [doc, change, selection, select]);

  /** A refused or failed request, in the words the save badge and the publish alert use. */
  const failureText = useCallback(
    (e: ApiError) => (e.problem.code === "OFFLINE" ? t("save.offline") : e.problem.code === "HTTP" ? t("save.httpFailed", { status: e.problem.status }) : e.message),
    [t],
  );

  // ---- autosave: the draft follows the document a second after the last edit
  const persist = useCallback(async (document: StudioDoc): Promise<boolean> => {
    const body = JSON.stringify({ document });
    if (body.length > maxBytes) {
      setSave({ kind: "failed", message: t("save.tooLarge", { kib: Math.round(maxBytes / 1024) }) });
      return false;
    }
    setSave({ kind: "saving" });
    try {
      const { draft } = await apiFetch<{ draft: { updatedAt: string } }>(`/api/studio/drafts/${draftId}`, { method: "PUT", body });
      savedDoc.current = document;
      // An edit made while this save was on its way is saved by its own timer.
      setSave(latestDoc.current === document ? { kind: "saved", at: new Date(draft.updatedAt) } : { kind: "pending" });
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setSave({ kind: "failed", message: failureText(e) });
      return false;
    }
  }, [draftId, maxBytes, t, failureText]);

  useEffect(() => {
    if (doc === savedDoc.current) return;
    setSave({ kind: "pending" });
    const timer = setTimeout(() => void persist(doc), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [doc, persist]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (doc !== savedDoc.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [doc]);

  // ---- undo / redo, also from the keyboard (text fields keep their own undo)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, .cm-editor, [contenteditable=true]")) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) setHistory(undo);
      else if ((key === "z" && e.shiftKey) || key === "y") setHistory(redo);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ---- findings: select the node (or the scenario settings) and the field at the pointer
  const onFinding = (f: Finding) => {
    const index = nodeIndexOfPointer(f.pointer);
    // In the JSON tab (and for syntax errors) the finding moves the cursor to its line.
    if (f.code === "SYNTAX" || tab === "json") {
      setTab("json");
      setJsonGoto((g) => ({ pointer: f.pointer, line: f.code === "SYNTAX" ? f.line ?? 1 : null, column: f.column ?? 1, seq: (g?.seq ?? 0) + 1 }));
      return;
    }
    if (tab !== "graph") setTab("graph");
    select(index, f.pointer);
  };

  // ---- import / export
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setImportError(null);
    if (file.size > maxBytes) {
      setImportError(t("import.tooLarge", { name: file.name, kib: Math.round(maxBytes / 1024) }));
      return;
    }
    const text = await file.text();
    const syntax = lintScenarioText(text).findings.find((f) => f.code === "SYNTAX");
    if (syntax) {
      setImportError(t("import.syntax", { name: file.name, line: syntax.line ?? 1, column: syntax.column ?? 1, message: withoutPosition(syntax.message) }));
      return;
    }
    const parsed = JSON.parse(text) as unknown;
    if (!isObject(parsed)) {
      setImportError(t("json.notObject"));
      return;
    }
    change(withLayout(parsed));
    setShowAll(true);
    select(null);
  };

  const onExport = () => {
    const blob = new Blob([formatDocument(doc)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${typeof doc.id === "string" && doc.id ? doc.id : "scenario"}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  // ---- publish: save first, then ask the server (which lints again and may refuse)
  const onPublish = async () => {
    setBusy(true);
    setPublishError(null);
    setPublished(null);
    try {
      if (doc !== savedDoc.current && !(await persist(doc))) return;
      const data = await apiFetch<{ id: string; contentHash: string; created: boolean }>(`/api/studio/drafts/${draftId}/publish`, { method: "POST" });
      setPublished({ id: data.id, contentHash: data.contentHash, created: data.created });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const findings = (e.problem.findings ?? []) as Finding[];
      setPublishError(e.problem.code === "SCENARIO_INVALID" ? t("publish.refused", { count: findings.filter((f) => f.severity === "error").length }) : failureText(e));
    } finally {
      setBusy(false);
    }
  };

  const title = typeof doc.title === "string" && doc.title.trim() ? doc.title : t("untitled");

  return (
    <StudioContext.Provider value={api}>
      <div className="studio" data-testid="studio">
        <div className="studio-bar">
          <div className="studio-bar-title">
            <p className="small"><Link href="/studio">{t("backToDrafts")}</Link></p>
            <h1>{title}</h1>
          </div>
          <div className="row studio-bar-actions">
            <SaveBadge state={save} />
            <button type="button" className="btn ghost small" onClick={() => setHistory(undo)} disabled={!canUndo(history)} title={t("toolbar.undoKey")} data-testid="undo">{t("toolbar.undo")}</button>
            <button type="button" className="btn ghost small" onClick={() => setHistory(redo)} disabled={!canRedo(history)} title={t("toolbar.redoKey")} data-testid="redo">{t("toolbar.redo")}</button>
            <button type="button" className="btn secondary small" onClick={() => fileInput.current?.click()}>{t("toolbar.import")}</button>
            <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={(e) => { void onImport(e.target.files?.[0]); e.target.value = ""; }} data-testid="import-file" />
            <button type="button" className="btn secondary small" onClick={onExport} data-testid="export">{t("toolbar.export")}</button>
            <button type="button" className="btn small" onClick={onPublish} disabled={busy || hasErrors(allFindings)} title={hasErrors(allFindings) ? t("publish.blocked") : undefined} data-testid="publish">
              {busy ? t("publish.busy") : t("publish.button")}
            </button>
          </div>
        </div>

        {importError && <div className="alert error" role="alert" data-testid="import-error">{importError}</div>}
        {publishError && <div className="alert error" role="alert" data-testid="publish-error">{publishError}</div>}
        {published && (
          <div className="alert ok" role="status" data-testid="published">
            {published.created ? t("publish.done", { hash: published.contentHash.slice(0, 12) }) : t("publish.same", { hash: published.contentHash.slice(0, 12) })}{" "}
            <Link href={`/scenarios/${published.id}`}>{t("publish.open")}</Link>
          </div>
        )}

        <div className="studio-grid">
          <div className="studio-main">
            <div className="studio-tabs" role="tablist">
              {(["graph", "json", "playtest", "coverage"] as const).map((key) => (
                <button key={key} type="button" role="tab" aria-selected={tab === key} className={tab === key ? "active" : undefined} onClick={() => setTab(key)} data-testid={`tab-${key}`}>
                  {{ graph: t("tabs.graph"), json: t("tabs.json"), playtest: t("tabs.playtest"), coverage: t("tabs.coverage") }[key]}
                </button>
              ))}
            </div>
            <div className="studio-tab-body">
              {tab === "graph" && <StudioCanvas findings={findings} />}
              {tab === "json" && <JsonTab goto={jsonGoto} />}
              {tab === "playtest" && <Playtest />}
              {tab === "coverage" && <CoverageView onSelectNode={(id) => { setTab("graph"); select(nodesOf(doc).findIndex((n) => n.id === id)); }} />}
            </div>
            <StudioFindings findings={findings} errors={errors} onSelect={onFinding} hidden={hidden} hiddenErrors={hasErrors(allFindings) && !hasErrors(findings)} showAll={showAll} onShowAll={setShowAll} />
          </div>
          <aside className="studio-side">
            <Inspector />
          </aside>
        </div>
      </div>
    </StudioContext.Provider>
  );
}
