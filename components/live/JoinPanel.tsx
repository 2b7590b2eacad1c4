"use client";
// How people get in: the join code in large type, the join URL, and its QR code
// (rendered on the server to a PNG data URL).
import { useTranslations } from "next-intl";

export function JoinPanel({ joinCode, joinUrl, qrDataUrl, compact = false }: { joinCode: string; joinUrl: string; qrDataUrl: string; compact?: boolean }) {
  const t = useTranslations("console.join");
  return (
    <section className={`card join-panel${compact ? " compact" : ""}`} aria-label={t("label")}>
      <div className="muted small">{t("code")}</div>
      <div className="join-code" data-testid="join-code">{joinCode}</div>
      <div className="join-panel-row">
        <div className="join-panel-text">
          <div className="muted small">{t("orScan")}</div>
          <a className="join-url" href={joinUrl} data-testid="join-url">{joinUrl}</a>
        </div>
        {/* A data: URL image: no extra request, and it works on a projector laptop without a network. */}
        <img className="join-qr" src={qrDataUrl} alt={t("qr", { url: joinUrl })} width={compact ? 112 : 150} height={compact ? 112 : 150} />
      </div>
    </section>
  );
}
