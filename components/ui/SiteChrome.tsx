"use client";
// Shows the site's header everywhere except on routes that need the whole screen: a
// participant's play page is a phone in a meeting room, where the site navigation and
// "Sign in" only push the exercise down (the header took ~110 px of a 375 px phone). The same
// holds for a drill someone plays alone from their link (/drill/…, not the staff's /drills/…),
// which carries its own slim bar instead (components/drills/DrillPageBar.tsx).
import { usePathname } from "next/navigation";

/** Path prefixes where the site header is left out. */
const FULL_SCREEN = ["/play/", "/drill/"];

export function SiteChrome({ children }: { children: React.ReactNode }) {
  const pathname = usePathname() ?? "";
  if (FULL_SCREEN.some((prefix) => pathname.startsWith(prefix))) return null;
  return <>{children}</>;
}
