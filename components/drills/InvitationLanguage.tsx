// A drill invitation's pages in the invitation's language (pasted per line when the drill was
// created), not the visitor's browser's. On the personal link's page the whole page follows
// (i18n/request.ts), so the switch in its bar (DrillPageBar) serves; signed in ("My drills"), the
// header follows the account's choice, so a switch sits beside the drill: choosing there sets
// the interface language as the header's switch does, and it wins from then on.
import { LocaleScope } from "@/components/ui/LocaleScope";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { invitationPageLocale } from "@/i18n/participant";

export async function InvitationLanguage({ locale, switcher = true, children }: { locale: string | null; switcher?: boolean; children: React.ReactNode }) {
  if (locale === null) return <>{children}</>;
  const shown = await invitationPageLocale(locale);
  return (
    <LocaleScope locale={shown}>
      {switcher && (
        <div className="drill-language" data-testid="drill-language" lang={shown}>
          <LocaleSwitcher testId="drill-locale-switcher" />
        </div>
      )}
      {children}
    </LocaleScope>
  );
}
