// The absolute address of a one-time link: PUBLIC_URL when it is set (what people can reach),
// else the origin the admin's request came to.
export function setupLinkUrl(req: Request, path: string): string {
  const base = process.env.READYROOM_PUBLIC_URL ?? process.env.PUBLIC_URL ?? new URL(req.url).origin;
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}
