// Display settings shared by server and client rendering, so both format dates the same.
/** Dates are shown in this zone (DISPLAY_TIME_ZONE, else the server's own zone). */
export const DISPLAY_TIME_ZONE: string =
  process.env.DISPLAY_TIME_ZONE || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
