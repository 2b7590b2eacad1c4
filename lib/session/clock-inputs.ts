// What clients send about regulatory clocks and notices: a participant's edit of one draft
// field and a submission, and the facilitator's clock commands ("the regulator called") and
// verdicts on a received notice. Strict objects, so unknown keys are refused.
import { z } from "zod";

const ZId = z.string().min(1).max(64);

/** A notice field holds what a regulator's form field would (GDPR Art. 33(3) answers run long). */
export const NOTICE_FIELD_MAX = 4000;

export const ZNoticeEdit = z.strictObject({ taskId: ZId, fieldId: ZId, value: z.string().max(NOTICE_FIELD_MAX) });
export const ZNoticeSubmit = z.strictObject({ taskId: ZId });
export const ZClocksGet = z.strictObject({});
export const ZClocksWatch = z.strictObject({ sessionId: ZId });

export const ZClockCommand = z.discriminatedUnion("type", [
  /** Starts a clock by hand at the team's story time (a manual clock, or "the regulator called"). */
  z.strictObject({ type: z.literal("clock-start"), teamId: ZId, clockId: ZId }),
  /** Stops a running clock: it no longer counts for or against the team. */
  z.strictObject({ type: z.literal("clock-stop"), teamId: ZId, clockId: ZId }),
  /** The regulator's answer to a submitted notice; a rejected notice does not count. */
  z.strictObject({ type: z.literal("notice-verdict"), noticeId: ZId, verdict: z.enum(["received", "rejected"]) }),
]);
export const ZClockCommandEvent = z.strictObject({ sessionId: ZId, command: ZClockCommand });
export type ClockCommand = z.infer<typeof ZClockCommand>;
