// The PDF's colours, shared by its sections so the summary and the body match.
export const INK = "#1d2939";
export const MUTED = "#667085";
export const LINE = "#d0d5dd";
export const BRAND = "#2447b3";
export const RATING_COLOUR: Record<string, string> = { P: "#1f7a47", S: "#2447b3", M: "#a15c00", U: "#b42318" };
