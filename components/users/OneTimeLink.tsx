"use client";
// A one-time set-password link, shown once right after it was made: the server keeps only
// its hash, so this is the only chance to copy it. The admin passes it on themselves (the
// product sends no e-mail).
import { useEffect, useId, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";

export type IssuedLink = { url: string; expiresAt: string };

export function OneTimeLink({ link, email, onDone }: { link: IssuedLink; email: string; onDone: () => void }) {
  const t = useTranslations("admin.link");
  const format = useFormatter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  return (
    <div className="one-time-link alert ok" role="status" data-testid="setup-link">
      <strong>{t("title", { email })}</strong>
      <p className="small">{t("once", { when: format.dateTime(new Date(link.expiresAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <label className="sr-only" htmlFor={id}>{t("label")}</label>
      <div className="row">
        <input ref={input} id={id} readOnly value={link.url} className="mono" data-testid="setup-link-url" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="btn secondary small"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(link.url);
              setCopied(true);
            } catch {
              input.current?.select();
            }
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
        <button type="button" className="btn ghost small" onClick={onDone} data-testid="setup-link-done">{t("done")}</button>
      </div>
    </div>
  );
}
