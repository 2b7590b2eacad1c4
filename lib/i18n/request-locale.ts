// The interface language of one HTTP request to a route handler: the language cookie, then
// Accept-Language (for downloads such as the AAR PDF and the evidence pack).
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/config";

function cookie(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

export function requestLocale(req: Request): Locale {
  return resolveLocale({ cookie: cookie(req, LOCALE_COOKIE), acceptLanguage: req.headers.get("accept-language") });
}
