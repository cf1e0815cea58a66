import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { actionSheetPages } from "./action-sheet-pages.tsx";
import { budgetPage } from "./budget-page.tsx";
import { commitmentsPage } from "./commitments-page.tsx";
import { governancePages } from "./governance-pages.tsx";
import { importPage } from "./import-page.tsx";
import { indicatorPages } from "./indicator-pages.tsx";
import { openDataRoutes } from "./open-data.ts";
import { planPages } from "./plan-pages.tsx";
import { territoryPage } from "./territory-page.tsx";

/** The steering module's routes: the plan, its indicators, their open data. */
export const steeringRoutes = new Hono<AppEnv>();

steeringRoutes.route("/", openDataRoutes);
steeringRoutes.route("/", governancePages);
steeringRoutes.route("/", actionSheetPages);
steeringRoutes.route("/", planPages);
steeringRoutes.route("/", indicatorPages);
steeringRoutes.route("/", commitmentsPage);
steeringRoutes.route("/", importPage);
steeringRoutes.route("/", budgetPage);
steeringRoutes.route("/", territoryPage);
