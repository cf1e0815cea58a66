import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { accompagnementRoutes } from "./accompagnement-routes.tsx";
import { contactRoutes } from "./contacts-routes.tsx";
import { correctionRoutes } from "./corrections-routes.tsx";
import { dataRoutes } from "./data-routes.tsx";
import { documentRoutes } from "./document-routes.tsx";
import { franceConnectRoutes } from "./franceconnect-routes.tsx";
import { mandateRoutes } from "./mandates-routes.tsx";
import { recordSpaceRoutes } from "./record-space-routes.tsx";
import { shareRoutes } from "./share-routes.tsx";
import { spaceRoutes } from "./space-routes.tsx";
import { signInRoutes } from "./space-sign-in-routes.tsx";
import { simulationRoutes } from "./space-simulations-routes.tsx";

/** « Mon espace » (/mon-espace) and its professional side (/pro/dossiers/:id/espace). */
export const espaceRoutes = new Hono<AppEnv>();
espaceRoutes.route("/", signInRoutes);
espaceRoutes.route("/", franceConnectRoutes);
espaceRoutes.route("/", spaceRoutes);
espaceRoutes.route("/", documentRoutes);
espaceRoutes.route("/", shareRoutes);
espaceRoutes.route("/", simulationRoutes);
espaceRoutes.route("/", dataRoutes);
espaceRoutes.route("/", recordSpaceRoutes);
espaceRoutes.route("/", accompagnementRoutes);
espaceRoutes.route("/", mandateRoutes);
espaceRoutes.route("/", correctionRoutes);
espaceRoutes.route("/", contactRoutes);
