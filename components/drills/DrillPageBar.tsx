// The slim bar above a participant's drill (personal link and open link). The site header is
// left out there (components/ui/SiteChrome.tsx), as on a live session's play page: on a phone,
// "Join a session" and "Sign in" only push the drill down. What a player still needs stays:
// the language switch, and how their data is handled.
import Link from "@/components/ui/IntentLink";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import "./drills.css";

export async function DrillPageBar() {
  const t = await getTranslations("common");
  return (
    <div className="drill-bar" data-testid="drill-bar">
      <span className="drill-bar-brand" aria-hidden="true">R</span>
      <Link href="/privacy" className="drill-bar-link">{t("nav.privacy")}</Link>
      <LocaleSwitcher />
    </div>
  );
}
