"use client";
// Starting a draft: empty, from a scenario file, or as a copy of a library scenario.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { lintScenarioText } from "@/lib/scenario";
import { withoutPosition } from "./syntax";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";

/** Starts a draft: its id, or why it was refused (`offline` when the server could not be reached). */
async function createDraft(body: unknown, offline: string): Promise<{ id?: string; message?: string }> {
  try {
    const { draft } = await apiFetch<{ draft: { id: string } }>("/api/studio/drafts", { method: "POST", json: body });
    return { id: draft.id };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { message: e.problem.code === "OFFLINE" ? offline : e.message };
  }
}


export function NewDraftButtons({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async (body: unknown) => {
    setBusy(true);
    setError(null);
    const r = await createDraft(body, t("save.offline"));
    setBusy(false);
    if (r.id) router.push(`/studio/${r.id}`);
    else setError(r.message ?? null);
  };
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > maxBytes) return setError(t("import.tooLarge", { name: f.name, kib: Math.round(maxBytes / 1024) }));
    const text = await f.text();
    const syntax = lintScenarioText(text).findings.find((x) => x.code === "SYNTAX");
    if (syntax) return setError(t("import.syntax", { name: f.name, line: syntax.line ?? 1, column: syntax.column ?? 1, message: withoutPosition(syntax.message) }));
    await start({ document: JSON.parse(text) });
  };
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="btn" disabled={busy} onClick={() => start({})} data-testid="new-draft">{t("list.new")}</button>
        <button type="button" className="btn secondary" disabled={busy} onClick={() => file.current?.click()}>{t("list.import")}</button>
        <input ref={file} type="file" accept=".json,application/json" hidden onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ""; }} data-testid="import-new" />
      </div>
      {error && <div className="alert error" role="alert" data-testid="draft-error">{error}</div>}
    </div>
  );
}

export function DuplicateButton({ scenarioId }: { scenarioId: string }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn secondary"
        disabled={busy}
        data-testid="duplicate"
        onClick={async () => {
          setBusy(true);
          const r = await createDraft({ baseScenarioId: scenarioId }, t("save.offline"));
          setBusy(false);
          if (r.id) router.push(`/studio/${r.id}`);
          else setError(r.message ?? null);
        }}
      >
        {t("duplicate")}
      </button>
      {error && <span className="field-error small" role="alert">{error}</span>}
    </>
  );
}

export function DeleteDraftButton({ draftId, title }: { draftId: string; title: string }) {
  const t = useTranslations("studio");
  const router = useRouter();
  return (
    <button
      type="button"
      className="btn ghost small"
      onClick={async () => {
        if (!window.confirm(t("list.confirmDelete", { title }))) return;
        await apiFetch(`/api/studio/drafts/${draftId}`, { method: "DELETE" }).catch(() => undefined);
        router.refresh();
      }}
    >
      {t("list.delete")}
    </button>
  );
}
