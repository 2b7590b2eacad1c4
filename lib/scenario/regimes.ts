// The notification regimes a scenario clock can follow: each one's legal source, what starts
// it, its deadline and the fields its notice must carry. Every number comes from
// shared/DOMAIN.md (GDPR Art. 33/34, NIS2 Art. 23, DORA Art. 19, HIPAA 164.404–410,
// SEC 8-K Item 1.05, PCI DSS 12.10). Where the law sets no number ("without undue delay",
// "per the brands' rules", "on request"), the regime is `declared`: the scenario must state
// its own deadline and where it comes from, and the linter insists on it. Pure data.

/** A span of fictional time. Business days skip Saturdays, Sundays and declared holidays. */
export type Duration = { hours: number } | { days: number } | { businessDays: number } | { months: number };

export type Regime = {
  /** The legal source, cited in reports. */
  law: string;
  /** What the clock's start trigger stands for (shown in docs and reports). */
  startsAt: string;
  /** The statutory deadline, or "declared" when the scenario must state it. */
  deadline: Duration | "declared";
  /** dora-initial: the notice is also due at most this long after awareness (the clock's `awareness` trigger). */
  capAfterAwareness?: Duration;
  /** Required notice fields (ids); a notification task must offer each one. */
  fields: readonly string[];
  /** A field that becomes required when the notice is late (GDPR Art. 33(1): reasons for the delay). */
  lateField?: string;
  /** When the start trigger is a task completed several times, the clock runs from the latest completion. */
  anchorOnLatest?: boolean;
};

const GDPR_33_FIELDS = ["nature", "contact", "consequences", "measures"] as const;
const HIPAA_NOTICE_FIELDS = ["what-happened", "phi-types", "individual-steps", "entity-actions", "contact"] as const;
const PCI_FIELDS = ["what-happened", "card-data", "containment"] as const;

export const REGIMES = {
  "gdpr-art33": {
    law: "GDPR Art. 33(1) and (3)",
    startsAt: "the controller becomes aware of the breach",
    deadline: { hours: 72 },
    fields: GDPR_33_FIELDS,
    lateField: "delay-reasons",
  },
  "gdpr-art33-processor": {
    law: "GDPR Art. 33(2) and the data processing agreement",
    startsAt: "the processor becomes aware of the breach",
    deadline: "declared",
    fields: ["nature", "contact", "measures"],
  },
  "gdpr-art34": {
    law: "GDPR Art. 34",
    startsAt: "the controller finds the breach likely to result in a high risk to people",
    deadline: "declared",
    fields: GDPR_33_FIELDS,
  },
  "nis2-early-warning": {
    law: "NIS2 Art. 23(4)(a)",
    startsAt: "the entity becomes aware of the significant incident",
    deadline: { hours: 24 },
    fields: ["suspected-malicious", "cross-border"],
  },
  "nis2-notification": {
    law: "NIS2 Art. 23(4)(b)",
    startsAt: "the entity becomes aware of the significant incident",
    deadline: { hours: 72 },
    fields: ["severity-impact", "indicators"],
  },
  "nis2-intermediate": {
    law: "NIS2 Art. 23(4)(c)",
    startsAt: "the CSIRT or authority asks for it",
    deadline: "declared",
    fields: ["status"],
  },
  "nis2-final": {
    law: "NIS2 Art. 23(4)(d)",
    startsAt: "the incident notification is submitted",
    deadline: { months: 1 },
    fields: ["description", "root-cause", "mitigation", "cross-border"],
  },
  "dora-initial": {
    law: "DORA Art. 19(4)(a), Delegated Regulation (EU) 2025/301",
    startsAt: "the incident is classified as major",
    deadline: { hours: 4 },
    capAfterAwareness: { hours: 24 },
    fields: ["classification", "description", "impact"],
  },
  "dora-intermediate": {
    law: "DORA Art. 19(4)(b)",
    startsAt: "the initial notification is submitted",
    deadline: { hours: 72 },
    fields: ["status", "impact", "measures"],
  },
  "dora-final": {
    law: "DORA Art. 19(4)(c)",
    startsAt: "the latest intermediate report is submitted",
    deadline: { months: 1 },
    fields: ["root-cause", "impact", "measures"],
    anchorOnLatest: true,
  },
  "hipaa-individuals": {
    law: "45 CFR 164.404",
    startsAt: "the breach is discovered",
    deadline: { days: 60 },
    fields: HIPAA_NOTICE_FIELDS,
  },
  "hipaa-media": {
    law: "45 CFR 164.406 (more than 500 residents of a state or jurisdiction)",
    startsAt: "the breach is discovered",
    deadline: { days: 60 },
    fields: HIPAA_NOTICE_FIELDS,
  },
  "hipaa-hhs": {
    law: "45 CFR 164.408(b) (500 or more individuals)",
    startsAt: "the breach is discovered",
    deadline: { days: 60 },
    fields: [...HIPAA_NOTICE_FIELDS, "individuals-count"],
  },
  "hipaa-business-associate": {
    law: "45 CFR 164.410",
    startsAt: "the business associate discovers the breach",
    deadline: { days: 60 },
    fields: ["individuals", "what-happened"],
  },
  "sec-8k": {
    law: "SEC Form 8-K Item 1.05",
    startsAt: "the company determines the incident is material",
    deadline: { businessDays: 4 },
    fields: ["nature-scope-timing", "material-impact"],
  },
  "pci-brands": {
    law: "PCI DSS v4.0 12.10.1 and the payment brands' rules",
    startsAt: "a compromise of card data is suspected",
    deadline: "declared",
    fields: PCI_FIELDS,
  },
  "pci-acquirer": {
    law: "PCI DSS v4.0 12.10.1 and the merchant agreement",
    startsAt: "a compromise of card data is suspected",
    deadline: "declared",
    fields: PCI_FIELDS,
  },
} as const satisfies Record<string, Regime>;

export type RegimeId = keyof typeof REGIMES;
export const REGIME_IDS = Object.keys(REGIMES) as RegimeId[];

export function isRegimeId(id: string): id is RegimeId {
  return Object.hasOwn(REGIMES, id);
}
