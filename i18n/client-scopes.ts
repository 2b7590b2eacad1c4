// Which message namespaces a page's browser receives. Staff pages get the whole catalogue.
// Participant pages (joining, playing a live session, a drill link) are opened by hundreds of
// people at once, often on phones: they get only the namespaces their components use, a
// fraction of the catalogue's size (tests/unit/i18n/client-scopes.test.ts walks their
// imports to keep this list complete). proxy.ts tells the root layout the request's path.

/** The site chrome's namespaces (header, language switcher, error pages): every page has them. */
export const GLOBAL_NAMESPACES = ["common", "errors"] as const;

/** What the join, play and drill pages' client components use. */
export const PARTICIPANT_NAMESPACES = ["join", "play", "live", "liveClocks", "stage", "room", "drills", "privacy"] as const;

/** The request header proxy.ts sets to the page's path. */
export const PATH_HEADER = "x-readyroom-path";

export function isParticipantPath(pathname: string | null | undefined): boolean {
  if (!pathname) return false;
  return pathname === "/join" || pathname.startsWith("/join/") || pathname.startsWith("/play/") || pathname.startsWith("/drill/");
}

/** The messages to hand a page's client components: scoped on participant pages, all elsewhere. */
export function clientMessages<M extends Record<string, unknown>>(messages: M, pathname: string | null | undefined): M {
  if (!isParticipantPath(pathname)) return messages;
  const picked: Record<string, unknown> = {};
  for (const ns of [...GLOBAL_NAMESPACES, ...PARTICIPANT_NAMESPACES]) if (ns in messages) picked[ns] = messages[ns];
  return picked as M;
}
