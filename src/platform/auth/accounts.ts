import { z } from "zod";
import type { Db, Tx } from "../../db/database.ts";
import type { OrganisationKind, Role } from "../access/roles.ts";
import { Invalid } from "../errors.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.ts";

export const NewUserInput = z.object({
  email: z.email("Adresse électronique invalide").max(254),
  displayName: z.string().trim().min(1, "Indiquez un nom").max(200),
  password: z
    .string()
    .min(
      MIN_PASSWORD_LENGTH,
      `Le mot de passe doit faire au moins ${MIN_PASSWORD_LENGTH} caractères`,
    )
    .max(200),
});
export type NewUserInput = z.infer<typeof NewUserInput>;

export async function createOrganisation(
  db: Db | Tx,
  input: { name: string; kind: OrganisationKind; communeCode?: string | null; isDemo?: boolean },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto("organisation")
    .values({
      name: input.name,
      kind: input.kind,
      commune_code: input.communeCode ?? null,
      is_demo: input.isDemo ?? false,
      created_at: now,
    })
    .onConflict((oc) => oc.column("name").doUpdateSet({ kind: input.kind }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Creates an account with its memberships; an email already used is refused. */
export async function createUser(
  db: Db | Tx,
  input: NewUserInput & {
    memberships: { organisationId: string; role: Role }[];
    isDemo?: boolean;
  },
  now: Date,
): Promise<string> {
  const parsed = NewUserInput.safeParse(input);
  if (!parsed.success) {
    throw new Invalid(
      Object.fromEntries(
        parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
      ),
    );
  }
  const existing = await db
    .selectFrom("app_user")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", parsed.data.email.toLowerCase()))
    .executeTakeFirst();
  if (existing) throw new Invalid({ email: "Un compte existe déjà avec cette adresse" });
  const user = await db
    .insertInto("app_user")
    .values({
      email: parsed.data.email,
      display_name: parsed.data.displayName,
      password_hash: await hashPassword(parsed.data.password),
      is_demo: input.isDemo ?? false,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.memberships.length > 0) {
    await db
      .insertInto("membership")
      .values(
        input.memberships.map((membership) => ({
          user_id: user.id,
          organisation_id: membership.organisationId,
          role: membership.role,
          created_at: now,
        })),
      )
      .execute();
  }
  return user.id;
}
