import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { actionSheetRoutes } from "./action-sheet-routes.tsx";
import { budgetRoutes } from "./budget-routes.tsx";
import { commitmentsRoutes } from "./commitments-routes.tsx";
import { governanceRoutes } from "./governance-routes.tsx";
import { indicatorImportRoutes } from "./indicator-import-routes.tsx";
import { indicatorRoutes } from "./indicator-routes.tsx";
import { openDataRoutes } from "./open-data-api.ts";
import { planRoutes } from "./plan-routes.tsx";
import { territoryRoutes } from "./territory-routes.tsx";

/** The steering module's routes: the plan, its indicators, their open data. */
export const steeringRoutes = new Hono<AppEnv>();

steeringRoutes.route("/", openDataRoutes);
steeringRoutes.route("/", governanceRoutes);
steeringRoutes.route("/", actionSheetRoutes);
steeringRoutes.route("/", planRoutes);
steeringRoutes.route("/", indicatorRoutes);
steeringRoutes.route("/", commitmentsRoutes);
steeringRoutes.route("/", indicatorImportRoutes);
steeringRoutes.route("/", budgetRoutes);
steeringRoutes.route("/", territoryRoutes);
