// Public API of the scoring module: readiness, HSEEP ratings, team behaviour, training gaps, and a drill run's replay and calibration.
// Pure functions over recorded decisions, votes and the scenario document; no I/O.
export * from "./records";
export * from "./readiness";
export * from "./ratings";
export * from "./behaviour";
export * from "./gaps";
export * from "./csf";
export * from "./drill-path";
export * from "./calibration";
