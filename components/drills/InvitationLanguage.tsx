// A drill invitation's pages in the invitation's language (pasted per line when the drill was
// created), not the visitor's browser's, with a language switch beside the drill: choosing
// there sets the interface language as the header's switch does, and it wins from then on.
import { LocaleScope } from "@/components/ui/LocaleScope";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { invitationPageLocale } from "@/i18n/participant";

export async function InvitationLanguage({ locale, children }: { locale: string | null; children: React.ReactNode }) {
  if (locale === null) return <>{children}</>;
  const shown = await invitationPageLocale(locale);
  return (
    <LocaleScope locale={shown}>
      <div className="drill-language" data-testid="drill-language" lang={shown}>
        <LocaleSwitcher testId="drill-locale-switcher" />
      </div>
      {children}
    </LocaleScope>
  );
}
