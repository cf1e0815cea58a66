import type { Child } from "hono/jsx";

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

type AlertKind = "info" | "success" | "warning" | "error";
const ALERT_TITLES: Record<AlertKind, string> = {
  info: "Information",
  success: "C'est fait",
  warning: "Attention",
  error: "Erreur",
};

export function Alert({
  kind,
  title,
  children,
}: {
  kind: AlertKind;
  title?: string;
  children?: Child;
}) {
  return (
    <div class={`alert alert--${kind}`} role={kind === "error" ? "alert" : "status"}>
      <p class="alert__title">{title ?? ALERT_TITLES[kind]}</p>
      {children && <div class="alert__body">{children}</div>}
    </div>
  );
}

/**
 * The list of errors at the top of a form, each a link to its field
 * (RGAA 11.10, GOV.UK's error summary pattern).
 */
export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title" class="error-summary__title">
        {entries.length === 1 ? "Il y a une erreur" : `Il y a ${entries.length} erreurs`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${fieldId(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value?: string | undefined;
  type?: "text" | "email" | "password" | "tel" | "number" | "date" | "time" | "search" | "month";
  autocomplete?: string;
  required?: boolean;
  inputmode?: "numeric" | "decimal" | "tel" | "email" | "search" | "text";
  width?: "short" | "medium" | "full";
};

type FrameProps = {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
};

/** What a control's hint and error are tied to it by (aria-describedby). */
function describedBy(props: FrameProps): string | undefined {
  const id = fieldId(props.name);
  const ids = [props.hint && `${id}-aide`, props.error && `${id}-erreur`].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** Label, hint and error around one control (RGAA 11.1, 11.10). */
function FieldFrame({ children, ...props }: FrameProps & { children: Child }) {
  const id = fieldId(props.name);
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label for={id} class="field__label">
        {props.label}
        {props.required ? "" : <span class="field__optional"> (facultatif)</span>}
      </label>
      {props.hint && (
        <p id={`${id}-aide`} class="field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-erreur`} class="field__error">
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      )}
      {children}
    </div>
  );
}

/** A labelled input with its hint and error tied to it. */
export function TextField(props: FieldProps) {
  return (
    <FieldFrame {...props}>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        class={`field__input field__input--${props.width ?? "full"}`}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

/** A labelled multi-line text box (a description, a note) with its hint and error. */
export function TextAreaField(props: Omit<FieldProps, "type" | "inputmode"> & { rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 6}
        class="field__input field__input--full field__textarea"
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ""}
      </textarea>
    </FieldFrame>
  );
}

type SelectProps = {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
};

export function SelectField(props: SelectProps) {
  return (
    <FieldFrame {...props}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        class="field__select"
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Button({
  children,
  kind = "primary",
  type = "submit",
  name,
  value,
}: {
  children: Child;
  kind?: "primary" | "secondary";
  type?: "submit" | "button";
  /** A form with two buttons tells which one was pressed (name=value is sent). */
  name?: string;
  value?: string;
}) {
  return (
    <button type={type} class={`button button--${kind}`} name={name} value={value}>
      {children}
    </button>
  );
}

export function Card({
  title,
  href,
  children,
  headingLevel = 2,
}: {
  title: string;
  href?: string;
  children?: Child;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div class="card">
      <Heading class="card__title">{href ? <a href={href}>{title}</a> : title}</Heading>
      {children && <div class="card__body">{children}</div>}
    </div>
  );
}

export function Tag({
  children,
  kind = "neutral",
}: {
  children: Child;
  kind?: "neutral" | "success" | "warning";
}) {
  return <span class={`tag tag--${kind}`}>{children}</span>;
}

/** Several boxes to tick under one legend (RGAA 11.5: grouped with fieldset and legend). */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked = [],
  error,
  hint,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked?: readonly string[];
  error?: string | undefined;
  hint?: string;
}) {
  const id = fieldId(name);
  const ids = [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean);
  return (
    <fieldset
      id={id}
      class={`field${error ? " field--error" : ""}`}
      aria-describedby={ids.length > 0 ? ids.join(" ") : undefined}
    >
      <legend class="field__label">{legend}</legend>
      {hint && (
        <p id={`${id}-aide`} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-erreur`} class="field__error">
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      )}
      {options.map((option) => (
        <div class="choice">
          <input
            type="checkbox"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            checked={checked.includes(option.value)}
          />
          <label for={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** One checkbox with its label after it, its error above (RGAA 11.1, 11.10). */
export function CheckboxField(props: {
  name: string;
  label: string;
  error?: string | undefined;
  checked?: boolean | undefined;
  required?: boolean;
  value?: string;
}) {
  const id = fieldId(props.name);
  return (
    <div class={`field checkbox-field${props.error ? " field--error" : ""}`}>
      {props.error && (
        <p id={`${id}-erreur`} class="field__error">
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      )}
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? "oui"}
        checked={props.checked}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-erreur` : undefined}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/**
 * The « Se connecter avec ProConnect » button, after the federation's own:
 * a link (a GET starts the OpenID flow), so it works without JavaScript.
 */
export function ProConnectButton({ href }: { href: string }) {
  return (
    <div class="proconnect">
      <a class="proconnect__button" href={href}>
        <span class="proconnect__lead">Se connecter avec</span>
        <span class="proconnect__name">ProConnect</span>
      </a>
      <p class="proconnect__help">
        ProConnect est la solution de l'État pour se connecter aux services en ligne des
        professionnels, avec l'identité de son organisation.
      </p>
    </div>
  );
}

/**
 * The « S'identifier avec FranceConnect » button for residents: our own
 * drawing of it (no external image or font), a link that starts the OpenID
 * flow, so it works without JavaScript.
 */
export function FranceConnectButton({ href }: { href: string }) {
  return (
    <div class="franceconnect">
      <a class="franceconnect__button" href={href}>
        <span class="franceconnect__lead">S'identifier avec</span>
        <span class="franceconnect__name">FranceConnect</span>
      </a>
      <p class="franceconnect__help">
        FranceConnect est la solution de l'État pour vous identifier avec un compte que vous avez
        déjà (impots.gouv.fr, ameli.fr, l'Identité Numérique La Poste…).
      </p>
    </div>
  );
}

/**
 * A file input. `capture`: on a phone, offers the camera as well as the
 * files (the HTML attribute; no script needed).
 */
export function FileField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  accept: string;
  capture?: boolean;
  required?: boolean;
}) {
  return (
    <FieldFrame {...props}>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type="file"
        accept={props.accept}
        capture={props.capture ? "environment" : undefined}
        class="field__input field__input--full"
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}
