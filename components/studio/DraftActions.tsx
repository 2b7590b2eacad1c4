"use client";
// Creating drafts (shared with the template gallery), duplicating a library scenario, and
// deleting a draft.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";

/** Creates a draft: its id, or why it was refused (`offline` when the server could not be reached, if given). */
export async function createDraft(body: unknown, offline?: string): Promise<{ id?: string; message?: string }> {
  try {
    const { draft } = await apiFetch<{ draft: { id: string } }>("/api/studio/drafts", { method: "POST", json: body });
    return { id: draft.id };
  } catch (e) {
    if (!(e instanceof ApiError) || (e.problem.code === "OFFLINE" && offline === undefined)) throw e;
    return { message: e.problem.code === "OFFLINE" ? offline : e.message };
  }
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
