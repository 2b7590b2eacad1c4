"use client";
// The message for anything a drill request threw: the server's code in the page's language
// (namespace "errors"), or the generic message when it was not a refusal.
import { ApiError } from "@/lib/http/client-fetch";
import { useErrorText } from "@/components/ui/use-error-text";

export function useDrillError(): (e: unknown) => string {
  const text = useErrorText();
  return (e) => text(e instanceof ApiError ? e.problem : { code: "INTERNAL" });
}
