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
  hint?: Child | undefined;
  error?: string | undefined;
  value?: string | undefined;
  type?: "text" | "email" | "password" | "tel" | "number" | "date" | "time" | "search" | "month";
  autocomplete?: string;
  required?: boolean;
  inputmode?: "numeric" | "decimal" | "tel" | "email" | "search" | "text";
  width?: "short" | "medium" | "full";
  min?: string | undefined;
  max?: string | undefined;
  step?: string | undefined;
  /** false: no « (facultatif) » after the label (a filter, a list that always has a value). */
  markOptional?: boolean;
};

export type FrameProps = {
  name: string;
  label: Child;
  hint?: Child | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  /** The control's id when it is not fieldId(name) (kept for forms and links that use it). */
  id?: string | undefined;
  markOptional?: boolean | undefined;
  /** What comes right after the control (a unit: « € »). */
  suffix?: Child | undefined;
};

/** What a control's hint and error are tied to it by (aria-describedby). */
export function describedBy(
  props: Pick<FrameProps, "name" | "id" | "hint" | "error">,
): string | undefined {
  const id = props.id ?? fieldId(props.name);
  const ids = [props.hint && `${id}-aide`, props.error && `${id}-erreur`].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** Label, hint and error around one control (RGAA 11.1, 11.10). */
export function FieldFrame({ children, ...props }: FrameProps & { children: Child }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label for={id} class="field__label">
        {props.label}
        {props.required || props.markOptional === false ? (
          ""
        ) : (
          <span class="field__optional"> (facultatif)</span>
        )}
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
      {props.suffix ? (
        <span class="field__with-suffix">
          {children}
          <span class="field__suffix">{props.suffix}</span>
        </span>
      ) : (
        children
      )}
    </div>
  );
}

/** A labelled input with its hint and error tied to it. */
export function TextField(props: FieldProps & Pick<FrameProps, "id" | "suffix">) {
  return (
    <FieldFrame {...props}>
      <input
        id={props.id ?? fieldId(props.name)}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        class={`field__input field__input--${props.width ?? "full"}`}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        step={props.step}
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

/** A labelled multi-line text box (a description, a note) with its hint and error. */
export function TextAreaField(
  props: Omit<FieldProps, "type" | "inputmode"> &
    Pick<FrameProps, "id"> & { rows?: number; maxlength?: number },
) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.id ?? fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 6}
        maxlength={props.maxlength}
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
  markOptional?: boolean;
  /** On one line with its label, in a small filter form (« Agenda de [list] Afficher »). */
  inline?: boolean;
};

export function SelectField(props: SelectProps) {
  const select = (
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
  );
  if (props.inline) {
    // A filter on one line (label, list, button): no hint or error to show.
    return (
      <>
        <label for={fieldId(props.name)}>{props.label}</label> {select}
      </>
    );
  }
  return <FieldFrame {...props}>{select}</FieldFrame>;
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

/** Fields that belong together under one legend (RGAA 11.5), such as the two of a search. */
export function Fieldset({
  legend,
  children,
  id,
  hint,
}: {
  legend: Child;
  children: Child;
  /** Where the error summary links to, when an error belongs to the whole group. */
  id?: string | undefined;
  /** A short explanation for the whole group, under its legend. */
  hint?: Child | undefined;
}) {
  return (
    <fieldset id={id} class="field">
      <legend class="field__label">{legend}</legend>
      {hint && <p class="field__hint">{hint}</p>}
      {children}
    </fieldset>
  );
}

/** One box or button of a group: its id defaults to the group's id and the value. */
export type Choice = { value: string; label: Child; id?: string | undefined };

type GroupProps = {
  name: string;
  legend: Child;
  options: Choice[];
  hint?: Child | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  /** The fieldset's id (the error summary's link) when it is not fieldId(name). */
  id?: string | undefined;
  /** Side by side (two or three short choices) rather than one a line. */
  inline?: boolean | undefined;
};

/**
 * Choices under one legend (RGAA 11.5: fieldset and legend), the hint and
 * the error tied to the group; each box or button at least 24 px (CSS).
 */
function ChoiceGroup({
  type,
  isChecked,
  ...props
}: GroupProps & { type: "radio" | "checkbox"; isChecked: (value: string) => boolean }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <fieldset
      id={id}
      class={`field${props.error ? " field--error" : ""}`}
      aria-describedby={describedBy({ ...props, id })}
    >
      <legend class="field__label">{props.legend}</legend>
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
      <div class={props.inline ? "choices choices--inline" : "choices"}>
        {props.options.map((option) => {
          const optionId = option.id ?? `${id}-${option.value}`;
          return (
            <div class="choice">
              <input
                type={type}
                id={optionId}
                name={props.name}
                value={option.value}
                checked={isChecked(option.value)}
                required={props.required}
              />
              <label for={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Several boxes to tick under one legend (RGAA 11.5: grouped with fieldset and legend). */
export function CheckboxGroup({
  checked = [],
  ...props
}: Omit<GroupProps, "required"> & { checked?: readonly string[] }) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(value) => checked.includes(value)} />;
}

/** One choice among a few, under one legend (radio buttons; RGAA 11.5). */
export function Radios({ value, ...props }: GroupProps & { value?: string | undefined }) {
  return <ChoiceGroup {...props} type="radio" isChecked={(option) => option === value} />;
}

/** One checkbox with its label after it, its hint and error above (RGAA 11.1, 11.10). */
export function CheckboxField(props: {
  name: string;
  label: Child;
  hint?: Child | undefined;
  error?: string | undefined;
  checked?: boolean | undefined;
  required?: boolean;
  value?: string;
  id?: string | undefined;
}) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={`field checkbox-field${props.error ? " field--error" : ""}`}>
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
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? "oui"}
        checked={props.checked}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy({ ...props, id })}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

type ShortFieldProps = Omit<FieldProps, "type" | "inputmode" | "width"> & Pick<FrameProps, "id">;

/** A date (the browser's date picker; without one, it reads AAAA-MM-JJ). */
export function DateField(props: ShortFieldProps & { width?: "short" | "medium" }) {
  return <TextField {...props} type="date" width={props.width ?? "medium"} />;
}

/** A time of day (the browser's time picker; without one, it reads HH:MM). */
export function TimeField(props: ShortFieldProps) {
  return <TextField {...props} type="time" width="short" />;
}

/**
 * An amount in euros: a text box (a number box would refuse « 12,50 » in
 * some browsers and spin on scroll) with a decimal keypad on a phone and
 * « € » after it, read by zod at the boundary.
 */
export function MoneyField(props: ShortFieldProps) {
  return (
    <TextField
      {...props}
      type="text"
      inputmode="decimal"
      width="short"
      autocomplete={props.autocomplete ?? "off"}
      hint={props.hint ?? "En euros, par exemple 12,50."}
      suffix="€"
    />
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
  /** false: no « (facultatif) » after the label (a file the server asks for itself). */
  markOptional?: boolean;
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

/** A hint that belongs to the whole form, or to the choices below it, rather than to one field. */
export function FormHint({ children }: { children: Child }) {
  return <p class="field__hint">{children}</p>;
}
