/**
 * Expected failures, mapped to HTTP in one place (platform/http/errors.tsx).
 * Messages are in French: they are shown to the user as they are. Each one
 * carries a stable machine-readable `code` (the JSON API's `error.code`): a
 * partner's program branches on the code, never on the French text.
 */
export class NotFound extends Error {
  override name = "NotFound";
  readonly code: string = "not_found";
  constructor(message = "La page ou la ressource demandée n'existe pas.") {
    super(message);
  }
}

export class Forbidden extends Error {
  override name = "Forbidden";
  readonly code: string = "forbidden";
  constructor(message = "Vous n'avez pas accès à cette page.") {
    super(message);
  }
}

export class Unauthenticated extends Error {
  override name = "Unauthenticated";
  readonly code: string = "unauthenticated";
  constructor(message = "Connectez-vous pour accéder à cette page.") {
    super(message);
  }
}

/**
 * Bad input (HTTP 400): one French message per field, keyed by the field's
 * name. Thrown by `parseForm`/`parseQuery`/`parseJson` and by services; a
 * page shows the form again with the messages, the API answers them in
 * `error.fields`.
 */
export class Invalid extends Error {
  override name = "Invalid";
  constructor(
    readonly fieldErrors: Record<string, string>,
    message = "Le formulaire contient des erreurs.",
    readonly code: string = "invalid",
  ) {
    super(message);
  }
}

/** The target changed under the request (someone else's edit, already done): HTTP 409. */
export class Conflict extends Error {
  override name = "Conflict";
  constructor(
    message?: string,
    readonly code: string = "conflict",
  ) {
    super(message);
  }
}

/**
 * An expected refusal that is not bad input: the request was well formed
 * but cannot be done (a slot already taken, a booking too soon). Its `code`
 * is stable; `field` names the form field the message belongs to, if any.
 */
export class Refused extends Error {
  override name = "Refused";
  constructor(
    readonly code: string,
    message: string,
    readonly options: { status?: 400 | 409 | 422; field?: string | undefined } = {},
  ) {
    super(message);
  }

  get status(): 400 | 409 | 422 {
    return this.options.status ?? 400;
  }

  get field(): string | undefined {
    return this.options.field;
  }

  /** The field messages the API answers (`error.fields`): the message under its field, if any. */
  get fields(): Record<string, string> | undefined {
    return this.field ? { [this.field]: this.message } : undefined;
  }
}

/** A link that was valid once and is no more (used, expired, withdrawn): HTTP 410. */
export class Gone extends Error {
  override name = "Gone";
  readonly code: string = "gone";
}

export class TooManyRequests extends Error {
  override name = "TooManyRequests";
  readonly code: string = "too_many_requests";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
