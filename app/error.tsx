"use client";
// Shown when rendering a page failed: a plain explanation, a retry, and the digest that
// matches the server's log line (never the error's own text or stack).
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.crash");
  return (
    <main className="page">
      <div className="card empty" role="alert" data-testid="error-page">
        <strong>{t("heading")}</strong>
        <p>{t("body")}</p>
        {error.digest && <p className="small muted">{t("reference", { digest: error.digest })}</p>}
        <div className="row" style={{ justifyContent: "center" }}>
          <button type="button" className="btn" onClick={() => reset()}>{t("retry")}</button>
          <Link href="/" className="btn ghost">{t("home")}</Link>
        </div>
      </div>
    </main>
  );
}
