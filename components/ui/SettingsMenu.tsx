"use client";
// The header's settings menu: a disclosure button and a list of links (the WAI-ARIA
// disclosure navigation pattern, not an application menu, so Tab and Enter work as on any
// link). Escape or a click elsewhere closes it; Escape puts focus back on the button.
import { useEffect, useId, useRef, useState } from "react";
import Link from "@/components/ui/IntentLink";
import { usePathname } from "next/navigation";

export function SettingsMenu({ label, items, fullLoads = false }: { label: string; items: Array<{ key: string; href: string; label: string }>; fullLoads?: boolean }) {
  const To = fullLoads ? "a" : Link;
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  if (items.length === 0) return null;
  return (
    <div
      className="settings-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button ref={button} type="button" className="btn ghost small" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} data-testid="settings-menu">
        <span aria-hidden>⚙</span> <span className="menu-label">{label}</span>
      </button>
      <ul id={id} className="settings-menu-list" hidden={!open} data-testid="settings-menu-list">
        {items.map((item) => (
          <li key={item.key}>
            <To href={item.href} aria-current={pathname === item.href ? "page" : undefined} data-testid={`settings-link-${item.key}`} onClick={() => setOpen(false)}>
              {item.label}
            </To>
          </li>
        ))}
      </ul>
    </div>
  );
}
