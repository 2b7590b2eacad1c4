"use client";
// The message for a refused drill request: the drill's own codes from the "drills"
// namespace, anything else through the shared errors catalogue.
import { useTranslations } from "next-intl";
import { ApiError } from "@/lib/http/client-fetch";
import { useErrorText } from "@/components/ui/use-error-text";

const DRILL_CODES = ["DRILL_LINK_UNKNOWN", "DRILL_NOT_OPEN", "DRILL_CLOSED", "REASONING_REQUIRED", "NOT_A_DRILL"];

export function useDrillError(): (e: unknown) => string {
  const t = useTranslations("drills.errors");
  const text = useErrorText();
  return (e) => {
    const problem = e instanceof ApiError ? e.problem : { code: "INTERNAL" };
    return DRILL_CODES.includes(problem.code) ? t(problem.code) : text(problem);
  };
}
