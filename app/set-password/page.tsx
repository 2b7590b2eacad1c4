import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SetPasswordForm } from "@/components/users/SetPasswordForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("setPassword.title") };
}

/** Opened from a one-time link; the token stays in the address's fragment and is read by the form. */
export default async function SetPasswordPage() {
  const t = await getTranslations("admin");
  return (
    <main className="auth-wrap">
      <div className="card auth-card">
        <h1>{t("setPassword.heading")}</h1>
        <p className="muted">{t("setPassword.intro")}</p>
        <SetPasswordForm />
      </div>
    </main>
  );
}
