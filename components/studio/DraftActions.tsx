"use client";
// Creating drafts (shared with the template gallery), duplicating a library scenario, and
// deleting a draft.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

/** Creates a draft; the answer is its id, or the server's message. */
export async function createDraft(body: unknown): Promise<{ id?: string; message?: string }> {
  const res = await fetch("/api/studio/drafts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => null)) as { draft?: { id: string }; error?: { message: string } } | null;
  return data?.draft ? { id: data.draft.id } : { message: data?.error?.message ?? `HTTP ${res.status}` };
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
