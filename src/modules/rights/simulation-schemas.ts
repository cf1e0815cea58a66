import { z } from "zod";
import { FIRST_MONTH } from "./parameters/resolve.ts";

const MONTH_MESSAGE = `Le mois : format AAAA-MM, à partir de ${FIRST_MONTH}`;

/**
 * The month a professional simulates ("YYYY-MM", from the first month the
 * parameters cover): the dense form's and the non-take-up upload's `mois`.
 */
export const SimulatedMonth = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : ""),
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, MONTH_MESSAGE)
    .refine((month) => month >= FIRST_MONTH, MONTH_MESSAGE),
);
