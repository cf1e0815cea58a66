/**
 * The codes data·inclusion 1.0.8 accepts in `zone_eligibilite` (its
 * common.py: CodeCommune, CodeDepartement, CodeEPCI = SIREN, CodePays, and
 * the literal `france`), each with its length and pattern.
 */
export const ZONE_CODE_PATTERNS: {
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  const?: string;
}[] = [
  { pattern: "^\\w{5}$", minLength: 5, maxLength: 5 },
  { pattern: "^\\w{2,3}$", minLength: 2, maxLength: 3 },
  { pattern: "^\\d{9}$", minLength: 9, maxLength: 9 },
  { pattern: "^99[0-5]\\d{2}$", minLength: 5, maxLength: 5 },
  { const: "france" },
];

/** One code of zone_eligibilite: commune, département, EPCI (SIREN), country, or `france`. */
export const ZONE_CODE = /^(\w{5}|\w{2,3}|\d{9}|99[0-5]\d{2}|france)$/;
