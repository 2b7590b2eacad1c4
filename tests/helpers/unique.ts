// Names no other test file uses: files on the project's shared server run at the same time
// against one database, so each makes its own users, teams and titles with a suffix of its own.
import crypto from "node:crypto";

/** `base` with a random suffix, e.g. "Legal 3f9a1c". */
export function unique(base: string): string {
  return `${base} ${crypto.randomBytes(3).toString("hex")}`;
}

/** An e-mail address no other file signs in with: `local-<suffix>@domain`. */
export function uniqueEmail(local: string, domain = "example.com"): string {
  return `${local}-${crypto.randomBytes(4).toString("hex")}@${domain}`;
}

/** `base` with a random suffix and no spaces, for text that ends up in ids and URLs: "own-3f9a1c". */
export function uniqueTag(base: string): string {
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}
