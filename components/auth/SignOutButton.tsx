"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("common");
  return (
    <button type="button" className="btn ghost" onClick={() => void signOut({ callbackUrl: "/login" })}>
      {t("nav.signOut")}
    </button>
  );
}
