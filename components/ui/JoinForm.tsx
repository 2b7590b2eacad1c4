"use client";
import { useTranslations } from "next-intl";

export function JoinForm({ defaultCode = "" }: { defaultCode?: string }) {
  const t = useTranslations("join");
  return (
    <form action="/join" method="get">
      <div className="field">
        <label htmlFor="code">{t("codeLabel")}</label>
        <input id="code" name="code" className="code-input" defaultValue={defaultCode} autoComplete="off"
          inputMode="text" maxLength={32} required placeholder="ABCD-EFGH" />
        <p className="hint">{t("codeHint")}</p>
      </div>
      <button className="btn" type="submit" style={{ width: "100%" }}>{t("codeSubmit")}</button>
    </form>
  );
}
