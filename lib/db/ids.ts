// Row ids made in the app for rows written with plain SQL (Prisma's cuid() default only
// applies to rows Prisma creates): 25 characters, a leading "c" and 24 base-36 digits
// from the system's secure random source, the same shape as the ids Prisma makes.
import crypto from "node:crypto";

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

export function newId(): string {
  const bytes = crypto.randomBytes(24);
  let id = "c";
  // 252 = 7 × 36: bytes below it map evenly onto the 36 digits.
  for (const b of bytes) id += DIGITS[b < 252 ? b % 36 : crypto.randomInt(36)];
  return id;
}
