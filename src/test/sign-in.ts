import { expect } from "vitest";
import type { Db } from "../db/database.ts";
import type { Role } from "../platform/access/roles.ts";
import { TestClient } from "./app.ts";
import { makeUser } from "./factories.ts";

/**
 * A browser signed in as a new user with one role in one organisation; the
 * sign-in itself must succeed (303), or the test stops there.
 */
export async function signInNewUser(
  app: ConstructorParameters<typeof TestClient>[0],
  db: Db,
  role: Role,
  organisationId: string,
): Promise<TestClient> {
  const user = await makeUser(db, { role, organisationId });
  const browser = new TestClient(app);
  expect((await browser.login(user.email, user.password)).status).toBe(303);
  return browser;
}
