"use client";
// Client side of lib/i18n/error-text: the message for an error code in the page's language.
import { useTranslations } from "next-intl";
import { errorText, type ErrorTranslator, type UserProblem } from "@/lib/i18n/error-text";

export function useErrorText(): (problem: UserProblem) => string {
  const t = useTranslations("errors") as unknown as ErrorTranslator;
  return (problem) => errorText(t, problem);
}
