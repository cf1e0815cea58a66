/** What a formula returns before the engine wraps it with its trace. */
export interface Outcome {
  readonly eligible: boolean;
  /** Cents, for the benefit's periodicity. */
  readonly amount: number;
  /** Main reason why not, in plain French, when not eligible. */
  readonly reason?: string;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

export const notEligible = (reason: string): Outcome => ({ eligible: false, amount: 0, reason });
