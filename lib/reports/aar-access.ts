// Who may read, export and edit one session's after-action report. The decision itself is
// the permission matrix's (canAccessSession on "reports"); this module only loads the
// session's scope and names the failures so routes and pages can answer them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canAccessSession, type Action } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/types";

export type AarErrorCode = "SESSION_NOT_FOUND" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_INPUT";

export class AarError extends Error {
  constructor(
    readonly code: AarErrorCode,
    message: string,
    /** The offending field, for input errors (e.g. "rationale"). */
    readonly field?: string,
  ) {
    super(message);
    this.name = "AarError";
  }

  /** Next's route bundles and the server bundle each compile this class: recognise it by shape. */
  static is(e: unknown): e is AarError {
    return e instanceof Error && e.name === "AarError" && typeof (e as AarError).code === "string";
  }
}

export const AAR_ERROR_STATUS: Record<AarErrorCode, number> = { SESSION_NOT_FOUND: 404, NOT_FOUND: 404, FORBIDDEN: 403, INVALID_INPUT: 400 };

/** Throws unless `user` may `action` the report of this session; returns the session row. */
export async function assertReportAccess(prisma: Pick<PrismaClient, "exerciseSession">, user: SessionUser, sessionId: string, action: Action) {
  const session = await prisma.exerciseSession.findUnique({ where: { id: sessionId }, include: { grants: { select: { userId: true } } } });
  if (!session) throw new AarError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  const scope = { facilitatorId: session.facilitatorId, grantedUserIds: session.grants.map((g) => g.userId), anonymous: session.anonymous };
  if (!canAccessSession(user, "reports", action, scope)) {
    throw new AarError(
      "FORBIDDEN",
      action === "view" || action === "export"
        ? "you may not open this session's after-action report; ask its facilitator to grant you access"
        : "you may not edit this after-action report: only the session's facilitator or an administrator can",
    );
  }
  return session;
}

/** Whether the check passes, without throwing for a refusal. */
export async function hasReportAccess(prisma: Pick<PrismaClient, "exerciseSession">, user: SessionUser, sessionId: string, action: Action): Promise<boolean> {
  try {
    await assertReportAccess(prisma, user, sessionId, action);
    return true;
  } catch (e) {
    if (AarError.is(e) && e.code === "FORBIDDEN") return false;
    throw e;
  }
}
