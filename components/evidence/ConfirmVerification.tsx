"use client";
// Confirms one "verified by exercise" proposal; the server checks the rating again.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { sendAar } from "@/components/aar/send";

export function ConfirmVerification({ itemId, sessionId }: { itemId: string; sessionId: string }) {
  const t = useTranslations("evidence");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setError(null);
    const r = await sendAar("POST", `/api/improvements/${itemId}/verify`, { sessionId });
    if (!r.ok) return setError(r.message);
    startTransition(() => router.refresh());
  }
  return (
    <span className="row" style={{ gap: 8 }}>
      {error && <span className="small error-text" role="alert">{error}</span>}
      <button type="button" className="btn" disabled={pending} onClick={() => void confirm()} data-testid="confirm-verified">
        {t("proposals.confirm")}
      </button>
    </span>
  );
}
