// The facts of the accessibility statement (RGAA, article 47 of the law of
// 11 February 2005): data, not the clock. The date is the day this
// statement was established; change it with the next audit.

export const ACCESSIBILITY_STATEMENT = {
  /** Day the statement was established (the automated and manual checks below). */
  establishedOn: "2026-12-06",
  standard: "RGAA version 4.1",
  /** How it was checked: no full audit by an outside body yet. */
  checks: [
    "axe-core sur chaque page des parcours, dans les tests automatiques",
    "navigation au clavier seul",
    "écran de 360 pixels de large",
    "pages sans JavaScript",
  ],
} as const;
