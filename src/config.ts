import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ROLES, type Role } from "./platform/access/roles.ts";
import { DEFAULT_SMS_BODY, isSmsBodyTemplate, type SmsHttpConfig } from "./platform/mail/sms.ts";

/** Problems in the environment stop start-up with a message naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "doit commencer par postgres:// ou postgresql://")
    .optional(),
  RELAIS_DATA_DIR: z.string().min(1).default(".relais"),
  // The embedded PostgreSQL server's scheduling priority (nice, 0–19): it
  // yields the CPU to Relais's event loop (decision 0012). Ignored with DATABASE_URL.
  RELAIS_POSTGRES_NICE: z.coerce
    .number()
    .int("doit être un entier de 0 à 19")
    .min(0, "doit être un entier de 0 à 19")
    .max(19, "doit être un entier de 0 à 19")
    .default(0),
  // Connections of each Relais process's main pool (plus one for short reads).
  RELAIS_DATABASE_POOL: z.coerce
    .number()
    .int("doit être un entier de 1 à 100")
    .min(1, "doit être un entier de 1 à 100")
    .max(100, "doit être un entier de 1 à 100")
    .default(10),
  RELAIS_SECRET: z.string().min(32, "doit faire au moins 32 caractères").optional(),
  RELAIS_DEPARTEMENT: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/, "doit être un code de département (ex. 92, 2A, 974)")
    .default("92"),
  RELAIS_PUBLIC_URL: z.url("doit être une URL (ex. https://relais.exemple.fr)").optional(),
  RELAIS_DEMO: z.enum(["auto", "on", "off"]).default("auto"),
  // Whether X-Forwarded-For is believed from any peer (a reverse proxy on
  // another host). A proxy on the same host (loopback) is always believed.
  RELAIS_TRUST_PROXY: z.enum(["on", "off"]).default("off"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Relais <ne-pas-repondre@relais.localhost>"),
  // An SMS operator's HTTP API (src/platform/mail/sms.ts). Without SMS_HTTP_URL,
  // SMS stay in the outbox, held, and no page promises one.
  SMS_HTTP_URL: z.url({ protocol: /^https?$/, error: "doit être une URL http(s)://" }).optional(),
  SMS_HTTP_BODY: z
    .string()
    .refine(isSmsBodyTemplate, "doit être un objet JSON contenant « {{to}} » et « {{text}} »")
    .default(DEFAULT_SMS_BODY),
  SMS_HTTP_AUTHORIZATION: z.string().min(1).optional(),
  SMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9]{3,11}$/, "3 à 11 lettres ou chiffres (nom d'expéditeur d'un SMS)")
    .default("Relais"),
  RELAIS_ACCENT_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "doit être une couleur hexadécimale (ex. #1d4f91)")
    .refine(
      (hex) => contrastWithWhite(hex) >= 4.5,
      "doit contraster avec le blanc (rapport 4,5:1 au moins, RGAA 3.2)",
    )
    .default("#1d4f91"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  RELAIS_DOCUMENTS_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, "base64").length === 32,
      "doit être une clé de 32 octets encodée en base64 (ex. openssl rand -base64 32)",
    )
    .optional(),
  // CNIL, délibération n° 2021-028 du 11 mars 2021 (référentiel accueil, hébergement et
  // accompagnement social et médico-social) and n° 2023-095 du 14 septembre 2023
  // (référentiel durées de conservation, social et médico-social): base active 2 ans à
  // compter du dernier contact. See src/modules/records/record-retention.ts.
  RELAIS_RECORDS_ACTIVE_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  RELAIS_RECORDS_ARCHIVE_YEARS: z.coerce.number().int().min(0).max(30).default(5),
  // « Mon espace »: a space without a sign-in for this long is warned, then deleted a
  // month later (src/modules/espace/retention.ts).
  RELAIS_ESPACE_INACTIVE_MONTHS: z.coerce.number().int().min(2).max(120).default(24),
  // « Mon espace »: a document not opened for this long is announced, then deleted a month
  // later unless the person keeps it (src/modules/espace/document-retention.ts).
  RELAIS_ESPACE_DOCUMENT_UNUSED_MONTHS: z.coerce.number().int().min(2).max(120).default(24),
  // Directory searches kept in memory (src/modules/directory/search-cache.ts); 0: none.
  RELAIS_DIRECTORY_CACHE: z.coerce.number().int().min(0).max(100_000).default(1000),
  // Who residents call (home page, accessibility statement). The defaults are
  // demo values: 01 99 00 xx xx is kept by the ARCEP for fiction, never a real line.
  RELAIS_CONTACT_PHONE: z
    .string()
    .regex(/^(\+33 ?|0)[1-9]( ?\d{2}){4}$/, "doit être un numéro français (ex. 01 99 00 00 92)")
    .default("01 99 00 00 92"),
  RELAIS_CONTACT_HOURS: z.string().min(3).max(200).default("du lundi au vendredi, de 9 h à 17 h"),
  RELAIS_CONTACT_EMAIL: z.email("doit être une adresse électronique").optional(),
  // ProConnect (OpenID Connect, docs/proconnect.md): off unless the issuer and client are given.
  RELAIS_PROCONNECT_ISSUER: z.url("doit être l'URL de l'émetteur (issuer) ProConnect").optional(),
  RELAIS_PROCONNECT_CLIENT_ID: z.string().min(1).optional(),
  RELAIS_PROCONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  RELAIS_PROCONNECT_SCOPES: z
    .string()
    .regex(/^[a-z_]+( [a-z_]+)*$/, "des scopes séparés par une espace")
    .refine((scopes) => scopes.split(" ").includes("openid"), "doit contenir « openid »")
    .default("openid email given_name usual_name siret uid"),
  // The assurance level asked of ProConnect (acr_values), e.g. eidas1; none when empty.
  RELAIS_PROCONNECT_ACR_VALUES: z.string().min(1).optional(),
  // FranceConnect for residents (« Mon espace », decision 0016): off unless the issuer and client are given.
  RELAIS_FRANCECONNECT_ISSUER: z
    .url("doit être l'URL de l'émetteur (issuer) FranceConnect")
    .optional(),
  RELAIS_FRANCECONNECT_CLIENT_ID: z.string().min(1).optional(),
  RELAIS_FRANCECONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  RELAIS_FRANCECONNECT_SCOPES: z
    .string()
    .regex(/^[a-z_]+( [a-z_]+)*$/, "des scopes séparés par une espace")
    .refine((scopes) => scopes.split(" ").includes("openid"), "doit contenir « openid »")
    .default("openid given_name family_name birthdate email"),
  // Roles that need a second factor with a password (decision 0015); "aucun": none.
  RELAIS_SECOND_FACTOR_ROLES: z
    .string()
    .transform((value, context) => {
      if (value.trim() === "aucun") return [];
      const roles = value.split(",").map((role) => role.trim());
      const unknown = roles.filter((role) => !ROLES.includes(role as Role));
      if (unknown.length > 0) {
        context.addIssue({
          code: "custom",
          message: `rôle inconnu : ${unknown.join(", ")} (rôles : ${ROLES.join(", ")}, ou « aucun »)`,
        });
        return z.NEVER;
      }
      return roles as Role[];
    })
    .default(["agent_accueil", "travailleur_social", "responsable_structure"]),
});

/** An OpenID provider's registration: where it is and who we are for it. */
export type OidcProviderSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  acrValues: string | undefined;
};

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** Undefined: the embedded PostgreSQL server, its data in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The embedded server's nice value (0–19); unused with databaseUrl. */
  postgresNice: number;
  /** Connections of the main pool of each Relais process. */
  databasePool: number;
  secret: string;
  departementCode: string;
  publicUrl: string;
  demo: "auto" | "on" | "off";
  /** X-Forwarded-For believed from any peer, not only from loopback. */
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The SMS operator's HTTP API; undefined: SMS are held, and no page promises one. */
  sms: SmsHttpConfig | undefined;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  accentColor: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** AES-256-GCM key for the records' documents (32 bytes). */
  documentsKey: Buffer;
  recordsRetention: { activeMonthsAfterLastContact: number; archiveYears: number };
  /** Directory searches kept in memory; 0: none. */
  directoryCacheEntries: number;
  /** The Département's phone line for residents, its hours, and an address for the accessibility statement. */
  contact: { phone: string; hours: string; email: string | undefined };
  /** ProConnect's registration; undefined: no ProConnect button. */
  proConnect: OidcProviderSettings | undefined;
  /** FranceConnect's registration (residents); undefined: no FranceConnect button. */
  franceConnect: OidcProviderSettings | undefined;
  /** Roles that need a second factor when they sign in with a password. */
  secondFactorRoles: readonly Role[];
  /** « Mon espace »: months without a sign-in before a space is warned, then deleted. */
  espaceInactiveMonths: number;
  /** « Mon espace »: months without opening a document before it is announced, then deleted. */
  espaceDocumentUnusedMonths: number;
};

/** Parses the environment once. Throws ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")} : ${issue.message}`,
    );
    throw new ConfigError(`Configuration invalide :\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.RELAIS_DATA_DIR);
  const secret = values.RELAIS_SECRET ?? developmentSecret(values.NODE_ENV, dataDir);
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir,
    postgresNice: values.RELAIS_POSTGRES_NICE,
    databasePool: values.RELAIS_DATABASE_POOL,
    secret,
    departementCode: values.RELAIS_DEPARTEMENT,
    publicUrl: (values.RELAIS_PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
    demo: values.RELAIS_DEMO,
    trustProxy: values.RELAIS_TRUST_PROXY === "on",
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    sms: values.SMS_HTTP_URL
      ? {
          url: values.SMS_HTTP_URL,
          bodyTemplate: values.SMS_HTTP_BODY,
          authorization: values.SMS_HTTP_AUTHORIZATION,
          sender: values.SMS_SENDER,
        }
      : undefined,
    logLevel: values.LOG_LEVEL,
    accentColor: values.RELAIS_ACCENT_COLOR,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: values.SESSION_ABSOLUTE_HOURS,
    documentsKey: Buffer.from(
      values.RELAIS_DOCUMENTS_KEY ?? developmentDocumentsKey(values.NODE_ENV, dataDir),
      "base64",
    ),
    recordsRetention: {
      activeMonthsAfterLastContact: values.RELAIS_RECORDS_ACTIVE_MONTHS,
      archiveYears: values.RELAIS_RECORDS_ARCHIVE_YEARS,
    },
    directoryCacheEntries: values.RELAIS_DIRECTORY_CACHE,
    espaceInactiveMonths: values.RELAIS_ESPACE_INACTIVE_MONTHS,
    espaceDocumentUnusedMonths: values.RELAIS_ESPACE_DOCUMENT_UNUSED_MONTHS,
    contact: {
      phone: values.RELAIS_CONTACT_PHONE,
      hours: values.RELAIS_CONTACT_HOURS,
      email: values.RELAIS_CONTACT_EMAIL,
    },
    proConnect: proConnectSettings(values),
    franceConnect: franceConnectSettings(values),
    secondFactorRoles: values.RELAIS_SECOND_FACTOR_ROLES,
  };
}

function proConnectSettings(values: z.infer<typeof EnvSchema>): OidcProviderSettings | undefined {
  const { RELAIS_PROCONNECT_ISSUER: issuer, RELAIS_PROCONNECT_CLIENT_ID: clientId } = values;
  const clientSecret = values.RELAIS_PROCONNECT_CLIENT_SECRET;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      "Configuration invalide :\n  RELAIS_PROCONNECT_ISSUER, RELAIS_PROCONNECT_CLIENT_ID et RELAIS_PROCONNECT_CLIENT_SECRET vont ensemble : donnez les trois, ou aucun",
    );
  }
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: values.RELAIS_PROCONNECT_SCOPES,
    acrValues: values.RELAIS_PROCONNECT_ACR_VALUES,
  };
}

function franceConnectSettings(
  values: z.infer<typeof EnvSchema>,
): OidcProviderSettings | undefined {
  const { RELAIS_FRANCECONNECT_ISSUER: issuer, RELAIS_FRANCECONNECT_CLIENT_ID: clientId } = values;
  const clientSecret = values.RELAIS_FRANCECONNECT_CLIENT_SECRET;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      "Configuration invalide :\n  RELAIS_FRANCECONNECT_ISSUER, RELAIS_FRANCECONNECT_CLIENT_ID et RELAIS_FRANCECONNECT_CLIENT_SECRET vont ensemble : donnez les trois, ou aucun",
    );
  }
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: values.RELAIS_FRANCECONNECT_SCOPES,
    acrValues: undefined,
  };
}

/**
 * Outside production a secret is generated once and kept in the data folder,
 * so that sessions survive a restart without any setup.
 */
function developmentSecret(nodeEnv: string, dataDir: string): string {
  if (nodeEnv === "production") {
    throw new ConfigError(
      "Configuration invalide :\n  RELAIS_SECRET : obligatoire quand NODE_ENV=production (au moins 32 caractères aléatoires)",
    );
  }
  const file = join(dataDir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Like the secret: generated once outside production, kept in the data folder. */
function developmentDocumentsKey(nodeEnv: string, dataDir: string): string {
  if (nodeEnv === "production") {
    throw new ConfigError(
      "Configuration invalide :\n  RELAIS_DOCUMENTS_KEY : obligatoire quand NODE_ENV=production (32 octets en base64, ex. openssl rand -base64 32)",
    );
  }
  const file = join(dataDir, "documents-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Whether demo data is loaded: never in production, by default only on the embedded database. */
export function wantsDemoData(config: Config): boolean {
  if (config.env === "production") return false;
  if (config.demo === "on") return true;
  if (config.demo === "off") return false;
  return config.databaseUrl === undefined;
}

/** WCAG 2 contrast ratio between a colour and white. */
export function contrastWithWhite(hex: string): number {
  const channels = [1, 3, 5].map((start) => {
    const value = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return value <= 0.039_28 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  const [red = 0, green = 0, blue = 0] = channels;
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return 1.05 / (luminance + 0.05);
}
