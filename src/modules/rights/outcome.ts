/** What a formula returns before the engine wraps it with its trace. */
export interface Outcome {
  readonly eligible: boolean;
  /** Cents, for the benefit's periodicity. */
  readonly amount: number;
  /** Main reason why not, in plain French, when not eligible. */
  readonly reason?: string;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

const refusals = new Map<string, Outcome>();
/**
 * A refusal with its reason. Outcomes are read-only, so one object per reason
 * is shared (the batch refuses millions of times with the same few reasons).
 */
export function notEligible(reason: string): Outcome {
  let o = refusals.get(reason);
  if (o === undefined) {
    o = Object.freeze({ eligible: false, amount: 0, reason });
    if (refusals.size < 10_000) refusals.set(reason, o);
  }
  return o;
}
