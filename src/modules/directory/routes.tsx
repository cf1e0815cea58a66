import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { adminRoutes } from "./admin-routes.tsx";
import { directoryApi } from "./api.ts";
import { editRoutes } from "./edit-routes.tsx";
import { searchRoutes } from "./search-routes.tsx";
import { serviceRoutes } from "./service-routes.tsx";

/** The directory's public pages, its JSON API and its professional pages. */
export const directoryRoutes = new Hono<AppEnv>();
directoryRoutes.route("/", directoryApi);
directoryRoutes.route("/", searchRoutes);
directoryRoutes.route("/", serviceRoutes);
directoryRoutes.route("/", editRoutes);
directoryRoutes.route("/", adminRoutes);
