import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  Conflict,
  Forbidden,
  Gone,
  Invalid,
  NotFound,
  TooManyRequests,
  Unauthenticated,
} from "../errors.ts";
import { telHref } from "../ui/french.ts";
import { Layout } from "../ui/layout.tsx";
import { type AppContext, pageContext } from "./context.ts";
import { CsrfError } from "./csrf.ts";
import { describeDataException } from "./input-guard.ts";

type ErrorView = { status: ContentfulStatusCode; title: string; message: string; code: string };

/** Maps every failure to one status and one French message; unexpected ones to 500. */
export function describeError(error: unknown): ErrorView | undefined {
  if (error instanceof NotFound) {
    return { status: 404, code: "not_found", title: "Page introuvable", message: error.message };
  }
  if (error instanceof Forbidden) {
    return { status: 403, code: "forbidden", title: "Accès refusé", message: error.message };
  }
  if (error instanceof CsrfError) {
    return { status: 403, code: "csrf", title: "Formulaire expiré", message: error.message };
  }
  if (error instanceof Unauthenticated) {
    return {
      status: 401,
      code: "unauthenticated",
      title: "Connexion nécessaire",
      message: error.message,
    };
  }
  if (error instanceof Invalid) {
    return { status: 400, code: "invalid", title: "Demande invalide", message: error.message };
  }
  if (error instanceof Conflict) {
    return { status: 409, code: "conflict", title: "Déjà pris", message: error.message };
  }
  if (error instanceof Gone) {
    return { status: 410, code: "gone", title: "Lien périmé", message: error.message };
  }
  if (error instanceof TooManyRequests) {
    return {
      status: 429,
      code: "too_many_requests",
      title: "Trop de demandes",
      message: error.message,
    };
  }
  if (error instanceof HTTPException && error.status === 413) {
    return {
      status: 413,
      code: "too_large",
      title: "Envoi trop volumineux",
      // A route may name its own limit in French (the document upload says 10 Mo).
      message:
        error.message ||
        "Ce que vous avez envoyé est trop volumineux. Réduisez la taille du fichier ou du texte, puis réessayez.",
    };
  }
  const data = describeDataException(error);
  if (data?.kind === "not_found") {
    return {
      status: 404,
      code: "not_found",
      title: "Page introuvable",
      message: new NotFound().message,
    };
  }
  if (data?.kind === "invalid") {
    return {
      status: 400,
      code: "invalid",
      title: "Demande invalide",
      message:
        "Une valeur envoyée n'est pas acceptée (une date, un nombre ou un texte hors des limites). Vérifiez ce que vous avez saisi, puis réessayez.",
    };
  }
  return undefined;
}

export function handleError(error: Error, c: AppContext) {
  const known = describeError(error);
  const requestId = c.var.requestId;
  const dataException = describeDataException(error);
  if (dataException) {
    // Answered 400/404, but the route should have refused the value itself.
    c.var.logger?.warn("input reached the database unvalidated", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      code: dataException.code,
    });
  }
  if (
    error instanceof Unauthenticated &&
    !c.req.path.startsWith("/api/") &&
    c.req.method === "GET"
  ) {
    // A resident's space has its own sign-in (a code), never the professionals'.
    const signIn = c.req.path.startsWith("/mon-espace") ? "/mon-espace/connexion" : "/connexion";
    return c.redirect(`${signIn}?retour=${encodeURIComponent(c.req.path)}`);
  }
  if (error instanceof TooManyRequests) c.header("Retry-After", String(error.retryAfterSeconds));
  const view: ErrorView = known ?? {
    status: 500,
    code: "internal",
    title: "Une erreur est survenue",
    message:
      "Le service a rencontré un problème. Réessayez dans quelques instants ; si le problème continue, contactez l'accueil en donnant la référence ci-dessous.",
  };
  if (!known) {
    // The stack goes to the log with the request id, never to the user.
    c.var.logger?.error("unhandled error", {
      requestId,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    });
  }
  if (c.req.path.startsWith("/api/")) {
    return c.json(
      {
        error: {
          code: view.code,
          message: view.message,
          requestId,
          ...(error instanceof Invalid ? { fields: error.fieldErrors } : {}),
        },
      },
      view.status,
    );
  }
  return renderErrorPage(c, view, requestId);
}

export function notFoundPage(c: AppContext) {
  return handleError(new NotFound(), c);
}

function renderErrorPage(c: AppContext, view: ErrorView, requestId: string) {
  // The error may come from before the shell's variables were set.
  const page = {
    ...pageContext(c),
    territoryName: c.var.deps?.territoryName ?? "",
    actor: c.var.actor ?? { kind: "anonymous" as const },
    csrfToken: c.var.csrfToken ?? "",
  };
  // A way out in plain words: the home page, the directory, a number to call.
  const contact = c.var.deps?.config?.contact;
  return c.html(
    <Layout page={page} title={view.title}>
      <h1>{view.title}</h1>
      <p class="lead">{view.message}</p>
      {view.status === 500 && (
        <p>
          Référence de l'erreur : <code>{requestId}</code>
        </p>
      )}
      <ul class="error-ways">
        <li>
          <a href="/">Revenir à l'accueil</a>
        </li>
        <li>
          <a href="/trouver-de-l-aide">Trouver un lieu d'aide</a>
        </li>
      </ul>
      {contact && (
        <p>
          Besoin de parler à quelqu'un{"\u202f"}? Appelez le{" "}
          <a href={telHref(contact.phone)}>{contact.phone.replace(/ /g, "\u00a0")}</a>,{" "}
          {contact.hours}.
        </p>
      )}
    </Layout>,
    view.status,
  );
}
