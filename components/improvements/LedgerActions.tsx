"use client";
// What an editor does with an item from the ledger: move its status, take it over, comment.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { sendAar } from "@/components/aar/send";
import type { LedgerRow } from "@/lib/improvements/ledger";

const EDITABLE = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;

export function LedgerActions({ row }: { row: LedgerRow }) {
  const t = useTranslations("evidence.ledger");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const url = `/api/improvements/${row.id}`;
  async function send(method: "PATCH" | "POST", target: string, body: unknown) {
    setError(null);
    const r = await sendAar(method, target, body);
    if (!r.ok) {
      setError(r.message);
      return false;
    }
    startTransition(() => router.refresh());
    return true;
  }
  return (
    <div className="small" style={{ marginTop: 6 }}>
      <div className="row" style={{ gap: 6, flexWrap: "wrap" }}>
        <select
          aria-label={t("columns.status")}
          value={row.status === "VERIFIED" ? "" : row.status}
          style={{ width: "auto" }}
          disabled={pending}
          onChange={(e) => void send("PATCH", url, { status: e.target.value })}
          data-testid="ledger-status-select"
        >
          {row.status === "VERIFIED" && <option value="">{t("status.VERIFIED")}</option>}
          {EDITABLE.map((s) => (
            <option key={s} value={s}>{t(`status.${s}`)}</option>
          ))}
        </select>
        {!row.ownedByMe && (
          <button type="button" className="btn secondary" disabled={pending} onClick={() => void send("PATCH", url, { assignToMe: true })}>{t("assignToMe")}</button>
        )}
      </div>
      <details style={{ marginTop: 4 }}>
        <summary>{t("comments", { count: row.comments.length })}</summary>
        <ul className="plain">
          {row.comments.map((c) => (
            <li key={c.id}>
              <span className="muted">{c.author ?? "—"} · {c.at.slice(0, 10)}:</span> {c.text}
            </li>
          ))}
        </ul>
        <form
          className="row"
          style={{ gap: 6 }}
          onSubmit={(e) => {
            e.preventDefault();
            void send("POST", `${url}/comments`, { text: comment }).then((ok) => ok && setComment(""));
          }}
        >
          <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t("commentPlaceholder")} aria-label={t("commentPlaceholder")} maxLength={2000} />
          <button type="submit" className="btn secondary" disabled={pending || !comment.trim()}>{t("addComment")}</button>
        </form>
      </details>
      {error && <div className="error-text" role="alert">{error}</div>}
    </div>
  );
}
