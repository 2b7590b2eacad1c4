"use client";
// Starting a draft: empty, from a scenario file, or as a copy of a library scenario.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { lintScenarioText } from "@/lib/scenario";
import { withoutPosition } from "./syntax";

async function createDraft(body: unknown): Promise<{ id?: string; message?: string }> {
  const res = await fetch("/api/studio/drafts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => null)) as { draft?: { id: string }; error?: { message: string } } | null;
  return data?.draft ? { id: data.draft.id } : { message: data?.error?.message ?? `HTTP ${res.status}` };
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
    const r = await createDraft(body).catch(() => ({ message: t("save.offline") }) as { id?: string; message?: string });
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
          const r = await createDraft({ baseScenarioId: scenarioId }).catch(() => ({ message: t("save.offline") }) as { id?: string; message?: string });
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
        await fetch(`/api/studio/drafts/${draftId}`, { method: "DELETE" });
        router.refresh();
      }}
    >
      {t("list.delete")}
    </button>
  );
}
