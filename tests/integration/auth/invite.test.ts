// Inviting staff with a one-time set-password link, on each database target: the link's
// token is stored only as a hash, works once, expires, is replaced by a newer link, applies
// the password policy, and its audit rows name ids and field names, never personal values.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { verifyPassword } from "@/lib/auth/password";
import { inviteUser, PasswordPolicyError, reissueSetupLink, SETUP_LINK_TTL_HOURS, SetupLinkError, setPasswordWithLink } from "@/lib/users/invite";

const tokenOf = (path: string) => path.split("#token=")[1];

describe.each(DB_TARGETS)("invitations on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let admin: SignedInUser;
  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    const a = await prisma.user.create({ data: { email: "boss@example.org", role: "ADMIN", name: "Boss" } });
    admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  });
  afterAll(async () => close?.());

  it("creates an account without a password and a link whose token is stored only as a hash", async () => {
    const { user, link } = await inviteUser(prisma, admin, { email: " Maja.Nowak@Example.org ", role: "FACILITATOR", name: "Maja Nowak" });
    expect(user).toMatchObject({ email: "maja.nowak@example.org", role: "FACILITATOR", name: "Maja Nowak" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
    const token = tokenOf(link.path);
    expect(link.path).toMatch(/^\/set-password#token=rrs_/);
    const rows = await prisma.passwordSetupLink.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBeCloseTo(SETUP_LINK_TTL_HOURS * 3_600_000, -4);

    await expect(inviteUser(prisma, admin, { email: "maja.nowak@example.org", role: "MANAGER" })).rejects.toMatchObject({ code: "USER_EXISTS" });
    await expect(inviteUser(prisma, admin, { email: "x@example.org", role: "PARTICIPANT" })).rejects.toThrow(/role/);
  });

  it("sets the password once with the link, refuses weak passwords without spending it, and refuses it a second time", async () => {
    const { user, link } = await inviteUser(prisma, admin, { email: "jan@example.org", role: "MANAGER", name: "Jan Kowalski" });
    const token = tokenOf(link.path);
    await expect(setPasswordWithLink(prisma, { token, password: "password123" })).rejects.toBeInstanceOf(PasswordPolicyError);
    await expect(setPasswordWithLink(prisma, { token, password: "jan kowalski 1" })).rejects.toMatchObject({ reason: "own" });
    expect(await setPasswordWithLink(prisma, { token, password: "copper lantern drifts over marsh" })).toEqual({ email: "jan@example.org" });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash!, "copper lantern drifts over marsh")).toBe(true);
    await expect(setPasswordWithLink(prisma, { token, password: "another fine long phrase here" })).rejects.toMatchObject({ reason: "used" });
    await expect(setPasswordWithLink(prisma, { token: "rrs_nonsense", password: "another fine long phrase here" })).rejects.toMatchObject({ reason: "unknown" });
    // Two tabs racing with one link: exactly one wins.
    const again = await reissueSetupLink(prisma, admin, user.id);
    const results = await Promise.allSettled([0, 1].map(() => setPasswordWithLink(prisma, { token: tokenOf(again.path), password: "quiet harbour seventeen kites" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("expires links, replaces older ones with a new one, and refuses deactivated accounts", async () => {
    const { user, link } = await inviteUser(prisma, admin, { email: "ola@example.org", role: "FACILITATOR" });
    const later = new Date(Date.now() + (SETUP_LINK_TTL_HOURS + 1) * 3_600_000);
    await expect(setPasswordWithLink(prisma, { token: tokenOf(link.path), password: "velvet thunder behind glass" }, later)).rejects.toMatchObject({ reason: "expired" });
    const fresh = await reissueSetupLink(prisma, admin, user.id);
    await expect(setPasswordWithLink(prisma, { token: tokenOf(link.path), password: "velvet thunder behind glass" })).rejects.toMatchObject({ reason: "used" });
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await expect(setPasswordWithLink(prisma, { token: tokenOf(fresh.path), password: "velvet thunder behind glass" })).rejects.toBeInstanceOf(SetupLinkError);
    await expect(reissueSetupLink(prisma, admin, user.id)).rejects.toThrow(/deactivated/);
    await expect(reissueSetupLink(prisma, admin, admin.id)).rejects.toThrow(/own account/);
  });

  it("audits invitations and password setting by id and field names, without e-mails, names or tokens", async () => {
    const rows = await prisma.auditLog.findMany({ where: { resourceType: "user" }, orderBy: { id: "asc" } });
    const details = rows.map((r) => JSON.stringify(r.detail));
    expect(rows.some((r) => r.action === "create" && (r.detail as { via?: string }).via === "invite")).toBe(true);
    expect(rows.some((r) => (r.detail as { change?: string }).change === "setPassword")).toBe(true);
    expect(rows.some((r) => (r.detail as { change?: string }).change === "setupLink")).toBe(true);
    for (const d of details) expect(d).not.toMatch(/@|Maja|Kowalski|rrs_/);
  });
});
