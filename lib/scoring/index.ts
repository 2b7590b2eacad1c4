// Public API of the scoring module: readiness, HSEEP ratings, team behaviour and training gaps.
// Pure functions over recorded decisions, votes and the scenario document; no I/O.
export * from "./records";
export * from "./readiness";
export * from "./ratings";
export * from "./behaviour";
export * from "./gaps";
export * from "./csf";
