"use client";
// Every in-app link: Next's <Link> (client-side navigation), prefetched once the reader shows
// intent (the pointer over it, keyboard focus, a touch) instead of as soon as it scrolls into
// view. Viewport prefetching rendered every visible link's route on the server: a signed-in
// page view with the staff navigation and a list cost about three times the server CPU of the
// view itself (measured 6 December: five page views 2.1-2.9 CPU-s with viewport prefetching,
// 0.7-0.9 without). This is the pattern in Next's prefetching guide ("Hover-triggered prefetch").
import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

type Props = ComponentProps<typeof NextLink>;

export default function Link({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: Props) {
  const [intent, setIntent] = useState(false);
  return (
    <NextLink
      {...props}
      // null: Next's default prefetch, once intended; false (set by the caller) never prefetches.
      prefetch={prefetch === false || !intent ? false : (prefetch ?? null)}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
    />
  );
}
