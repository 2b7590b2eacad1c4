"use client";
// Sets <html lang> when a page renders in another language than the rest of the request
// (the root layout has already sent its lang attribute).
import { useEffect } from "react";

export function DocumentLang({ lang }: { lang: string }) {
  useEffect(() => {
    const before = document.documentElement.lang;
    document.documentElement.lang = lang;
    return () => {
      document.documentElement.lang = before;
    };
  }, [lang]);
  return null;
}
