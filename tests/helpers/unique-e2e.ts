// For browser files on the project's shared server (sharedApp()): the server and Chromium
// together, and records no other file can share (users with unique e-mails, unique names),
// so every check can be scoped to what the file created itself.
import crypto from "node:crypto";
import type { Browser } from "playwright-core";
import type { Role } from "@/lib/auth/types";
import { sharedApp, type AppHandle } from "./app";
import { appDatabase, createUser } from "./app-db";
import { launchBrowser } from "./browser";

/** A short random tag for names and e-mails no other file (or run) uses. */
export function uniqueTag(): string {
  return crypto.randomBytes(4).toString("hex");
}

/**
 * The shared server (or, with TEST_SHARED_APP=0, a server of the file's own) and Chromium.
 * When Chromium fails to start, the server handle is stopped (a no-op on the shared one).
 */
export async function sharedAppAndBrowser(): Promise<[AppHandle, Browser]> {
  const [app, browser] = await Promise.allSettled([sharedApp(), launchBrowser()]);
  if (app.status === "fulfilled" && browser.status === "fulfilled") return [app.value, browser.value];
  if (app.status === "fulfilled") await app.value.stop().catch(() => undefined);
  if (browser.status === "fulfilled") await browser.value.close().catch(() => undefined);
  throw app.status === "rejected" ? app.reason : (browser as PromiseRejectedResult).reason;
}

export type UniqueUser = { id: string; email: string; password: string; name: string };

/**
 * A user of `role` with a unique e-mail (`label-<tag>@e2e.readyroom.test`) who can sign in with
 * the returned password: a clean state (no sessions, no drafts) no other file touches.
 * `name` is the display name (the e-mail's local part when not given).
 */
export async function uniqueUser(app: AppHandle, role: Role, label: string, name?: string): Promise<UniqueUser> {
  const email = `${label}-${uniqueTag()}@e2e.readyroom.test`;
  const password = "correct horse battery";
  const prisma = appDatabase(app);
  try {
    const user = await createUser(prisma, email, role, password);
    const named = name ? await prisma.user.update({ where: { id: user.id }, data: { name } }) : user;
    return { id: named.id, email, password, name: named.name ?? "" };
  } finally {
    await prisma.$disconnect();
  }
}
