// Small inline icons: drawn as SVG so they look the same on every device, with or
// without an emoji font.
const PATHS = {
  clock: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 4v5l3 2",
  pause: "M9 6v12M15 6v12",
  chat: "M4 5h16v11H9l-5 4V5Z",
  phone: "M6.6 3.5 9 3l1.8 4.3-2.2 1.6a11 11 0 0 0 6.5 6.5l1.6-2.2L21 15l-.5 2.4A2.5 2.5 0 0 1 18 19.5 15.5 15.5 0 0 1 4.5 6 2.5 2.5 0 0 1 6.6 3.5Z",
  mail: "M3 6h18v12H3V6Zm0 0 9 7 9-7",
  reply: "M10 8 5 12l5 4M5 12h9a5 5 0 0 1 5 5v1",
  repost: "M7 7h10l-3-3M17 17H7l3 3M17 7v5M7 17v-5",
  heart: "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg className={className ? `icon ${className}` : "icon"} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
