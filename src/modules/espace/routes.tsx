import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { accompagnementRoutes } from "./accompagnement-routes.tsx";
import { contactRoutes } from "./contacts-routes.tsx";
import { correctionRoutes } from "./corrections-routes.tsx";
import { dataRoutes } from "./data-routes.tsx";
import { documentRoutes } from "./document-routes.tsx";
import { franceConnectRoutes } from "./franceconnect-routes.tsx";
import { mandatsRoutes } from "./mandats-routes.tsx";
import { proSpaceRoutes } from "./pro-routes.tsx";
import { shareRoutes } from "./share-routes.tsx";
import { signInRoutes } from "./sign-in-routes.tsx";
import { simulationRoutes } from "./simulations-routes.tsx";
import { spaceRoutes } from "./space-routes.tsx";

/** « Mon espace » (/mon-espace) and its professional side (/pro/dossiers/:id/espace). */
export const espaceRoutes = new Hono<AppEnv>();
espaceRoutes.route("/", signInRoutes);
espaceRoutes.route("/", franceConnectRoutes);
espaceRoutes.route("/", spaceRoutes);
espaceRoutes.route("/", documentRoutes);
espaceRoutes.route("/", shareRoutes);
espaceRoutes.route("/", simulationRoutes);
espaceRoutes.route("/", dataRoutes);
espaceRoutes.route("/", proSpaceRoutes);
espaceRoutes.route("/", accompagnementRoutes);
espaceRoutes.route("/", mandatsRoutes);
espaceRoutes.route("/", correctionRoutes);
espaceRoutes.route("/", contactRoutes);
