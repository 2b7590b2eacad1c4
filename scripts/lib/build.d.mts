// Types for build.mjs, so TypeScript scripts can build the app when it is out of date.
export const root: string;
export function isBuildCurrent(): boolean;
/** Builds when sources changed since the last build (or always with force); true when it built. */
export function ensureBuilt(options?: { force?: boolean }): boolean;
