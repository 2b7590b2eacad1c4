"use client";
// Starting a draft: a gallery of a blank scenario and three small patterns (each already
// runnable), a copy of a library scenario, or an imported file. Templates are written in the
// page's language; the server builds them (lib/studio/templates.ts).
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { lintScenarioText } from "@/lib/scenario";
import { withoutPosition } from "./syntax";
import { createDraft } from "./DraftActions";

const TEMPLATES = ["blank", "two-endings", "timed-decision", "delayed-consequence"] as const;

export type LibraryChoice = { id: string; title: string; locale: string };

export function TemplateGallery({ maxBytes, library }: { maxBytes: number; library: LibraryChoice[] }) {
  const t = useTranslations("studioStart");
  const ts = useTranslations("studio");
  const locale = useLocale();
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const pickId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [base, setBase] = useState("");

  const start = async (body: unknown) => {
    setBusy(true);
    setError(null);
    const r = await createDraft(body).catch(() => ({ message: ts("save.offline") }) as { id?: string; message?: string });
    setBusy(false);
    if (r.id) router.push(`/studio/${r.id}`);
    else setError(r.message ?? null);
  };
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > maxBytes) return setError(ts("import.tooLarge", { name: f.name, kib: Math.round(maxBytes / 1024) }));
    const text = await f.text();
    const syntax = lintScenarioText(text).findings.find((x) => x.code === "SYNTAX");
    if (syntax) return setError(ts("import.syntax", { name: f.name, line: syntax.line ?? 1, column: syntax.column ?? 1, message: withoutPosition(syntax.message) }));
    await start({ document: JSON.parse(text) });
  };

  return (
    <section className="card template-gallery" aria-labelledby="gallery-heading" data-testid="template-gallery">
      <h2 id="gallery-heading">{t("heading")}</h2>
      <p className="muted small">{t("lead")}</p>
      <ul className="template-grid">
        {TEMPLATES.map((id) => (
          <li key={id}>
            <button
              type="button"
              className="template-card"
              disabled={busy}
              onClick={() => start({ template: id, locale: locale === "pl" ? "pl" : "en" })}
              data-testid={id === "blank" ? "new-draft" : `template-${id}`}
            >
              <span className="template-shape" aria-hidden>{t(`templates.${id}.shape`)}</span>
              <strong>{t(`templates.${id}.name`)}</strong>
              <span className="small muted">{t(`templates.${id}.text`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="template-other">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (base) void start({ baseScenarioId: base });
          }}
        >
          <label htmlFor={pickId}>{t("fromLibrary")}</label>
          <select id={pickId} value={base} onChange={(e) => setBase(e.target.value)} data-testid="template-library">
            <option value="">{t("chooseScenario")}</option>
            {library.map((s) => (
              <option key={s.id} value={s.id} lang={s.locale}>{s.title} ({s.locale})</option>
            ))}
          </select>
          <button type="submit" className="btn secondary" disabled={busy || !base} data-testid="template-library-start">{t("copy")}</button>
        </form>
        <div className="row">
          <span>{t("orFile")}</span>
          <button type="button" className="btn secondary" disabled={busy} onClick={() => file.current?.click()}>{ts("list.import")}</button>
          <input ref={file} type="file" accept=".json,application/json" hidden onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ""; }} data-testid="import-new" />
        </div>
      </div>
      {error && <div className="alert error" role="alert" data-testid="draft-error">{error}</div>}
    </section>
  );
}
