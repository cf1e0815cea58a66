import type { LegalReference, Parameter } from "./parameters/types.ts";
import { valueOn } from "./parameters/types.ts";
import { euros } from "./period.ts";

/** One parameter value used by a step, with its source. */
export interface UsedParameter {
  readonly name: string;
  readonly label: string;
  readonly value: unknown;
  readonly unit: string;
  readonly from: string;
  readonly reference: LegalReference;
}

/** One step of a calculation, in plain French. */
export interface TraceStep {
  readonly text: string;
  readonly amountCents?: number;
  readonly parameters?: readonly UsedParameter[];
}

/**
 * Collects the steps of a calculation. Formulas receive `Explainer | null`:
 * with null (batch) no string is ever built, which keeps the hot path fast.
 */
export class Explainer {
  readonly steps: TraceStep[] = [];
  constructor(readonly day: string) {}

  step(
    text: string,
    amountCents?: number,
    parameters?: readonly Parameter<unknown>[],
    day?: string,
  ): void {
    const used: UsedParameter[] = [];
    for (const p of parameters ?? []) {
      const v = valueOn(p, day ?? this.day);
      if (v)
        used.push({
          name: p.name,
          label: p.label,
          value: v.value,
          unit: p.unit,
          from: v.from,
          reference: v.ref,
        });
    }
    const step: TraceStep = {
      text: amountCents === undefined ? text : `${text} : ${euros(amountCents)}`,
      ...(amountCents === undefined ? {} : { amountCents: Math.round(amountCents) }),
      ...(used.length > 0 ? { parameters: used } : {}),
    };
    this.steps.push(step);
  }
}
