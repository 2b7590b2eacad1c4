"use client";
import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/**
 * False in the server's HTML and until the page's script has run, true after. A form that
 * posts through a handler is sent as HTML first: a press before its script runs would submit
 * natively (a GET to the page itself, with the fields in the address) and lose what was typed.
 * Such forms hold their submit, or their fields, until this is true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscribe, () => true, () => false);
}
