// The page a signed-in user sees when their role does not allow what they opened.
import Link from "@/components/ui/IntentLink";
import { getTranslations } from "next-intl/server";

/** What was refused; any other value reads "this page". */
export type ForbiddenWhat = "sessions" | "sessionCreation" | "catalogue" | "upload" | "tokens" | "privacy";

export async function Forbidden({ what, reason }: { what: ForbiddenWhat | (string & {}); reason?: string }) {
  const t = await getTranslations("errors");
  return (
    <main className="page">
      <div className="card empty" role="alert" data-testid="forbidden">
        <strong>{t("forbidden.title")}</strong>
        <p>{reason ?? t("forbidden.body", { what })}</p>
        <Link href="/" className="btn secondary">{t("forbidden.home")}</Link>
      </div>
    </main>
  );
}
