"use client";
// Where the draft's autosave stands: saved (at what time), waiting, saving, or failed with why.
import { useFormatter, useTranslations } from "next-intl";

export type SaveState = { kind: "saved"; at: Date } | { kind: "pending" } | { kind: "saving" } | { kind: "failed"; message: string };

export function SaveBadge({ state }: { state: SaveState }) {
  const t = useTranslations("studio");
  const format = useFormatter();
  switch (state.kind) {
    case "saved":
      return <span className="badge neutral" data-testid="save-state" data-state="saved">{t("save.saved", { time: format.dateTime(state.at, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) })}</span>;
    case "pending":
      return <span className="badge neutral" data-testid="save-state" data-state="pending">{t("save.pending")}</span>;
    case "saving":
      return <span className="badge neutral" data-testid="save-state" data-state="saving">{t("save.saving")}</span>;
    case "failed":
      return <span className="badge danger" data-testid="save-state" data-state="failed" title={state.message}>{t("save.failed", { message: state.message })}</span>;
  }
}
