/**
 * Expected failures, mapped to HTTP in one place (platform/http/errors.tsx).
 * Messages are in French: they are shown to the user as they are.
 */
export class NotFound extends Error {
  override name = "NotFound";
  constructor(message = "La page ou la ressource demandée n'existe pas.") {
    super(message);
  }
}

export class Forbidden extends Error {
  override name = "Forbidden";
  constructor(message = "Vous n'avez pas accès à cette page.") {
    super(message);
  }
}

export class Unauthenticated extends Error {
  override name = "Unauthenticated";
  constructor(message = "Connectez-vous pour accéder à cette page.") {
    super(message);
  }
}

/** Bad input: one French message per field, keyed by the field's name. */
export class Invalid extends Error {
  override name = "Invalid";
  constructor(
    readonly fieldErrors: Record<string, string>,
    message = "Le formulaire contient des erreurs.",
  ) {
    super(message);
  }
}

export class Conflict extends Error {
  override name = "Conflict";
}

/** A link that was valid once and is no more (used, expired, withdrawn): HTTP 410. */
export class Gone extends Error {
  override name = "Gone";
}

export class TooManyRequests extends Error {
  override name = "TooManyRequests";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
