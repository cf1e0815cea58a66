import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { administrationAccountRoutes } from "./account-routes.tsx";
import { organisationRoutes } from "./organisation-routes.tsx";

/** The administration of organisations and accounts (issue 19), under /pro/administration. */
export const administrationRoutes = new Hono<AppEnv>();
administrationRoutes.route("/", administrationAccountRoutes);
administrationRoutes.route("/", organisationRoutes);
