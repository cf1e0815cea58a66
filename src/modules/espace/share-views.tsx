import { z } from "zod";
import type { AppContext } from "../../platform/http/context.ts";
import { frenchLongDate, frenchSpokenDateTime } from "../../platform/time/french-dates.ts";
import { CsrfField, SelectField, Tag } from "../../platform/ui/components.tsx";
import { SHARE_DAYS, type Share } from "./space-sharing.ts";
import type { DocumentCategory } from "./tables.ts";
import { CATEGORIES, CATEGORY_LABELS } from "./vault.ts";
import { CATEGORY_OPTIONS } from "./views.tsx";

export const PURPOSES = {
  demande: "Instruire une demande d'aide (RSA, logement, CSS…)",
  rendez_vous: "Préparer un rendez-vous",
  dossier: "Compléter mon dossier de suivi",
  autre: "Autre démarche avec ma structure",
} as const;
const PURPOSE_OPTIONS = Object.entries(PURPOSES).map(([value, label]) => ({ value, label }));
const DAYS_OPTIONS = SHARE_DAYS.map((days) => ({ value: String(days), label: `${days} jours` }));

export const ShareForm = z.object({
  lien: z.string("Choisissez la structure.").min(1, "Choisissez la structure."),
  but: z.enum(Object.keys(PURPOSES) as [keyof typeof PURPOSES], {
    error: "Choisissez pourquoi vous partagez.",
  }),
  duree: z.enum(SHARE_DAYS.map(String) as [string, ...string[]], {
    error: "Choisissez une durée.",
  }),
  categorie: z
    .enum(CATEGORIES as [DocumentCategory, ...DocumentCategory[]], {
      error: "Choisissez une catégorie.",
    })
    .optional(),
});

export function ShareFields({
  links,
  errors,
  values,
  withCategory,
}: {
  links: { id: string; organisationName: string }[];
  errors: Record<string, string>;
  values: Record<string, string>;
  withCategory?: boolean;
}) {
  return (
    <>
      <SelectField
        name="lien"
        label="Avec qui"
        hint="La structure qui vous suit : les professionnels qui ont accès à votre dossier pourront l'ouvrir."
        options={links.map((link) => ({ value: link.id, label: link.organisationName }))}
        value={values.lien}
        required
        error={errors.lien}
      />
      {withCategory && (
        <SelectField
          name="categorie"
          label="Quels documents"
          hint="Tous les documents de cette catégorie, y compris ceux que vous ajouterez pendant le partage."
          options={CATEGORY_OPTIONS}
          value={values.categorie}
          required
          error={errors.categorie}
        />
      )}
      <SelectField
        name="but"
        label="Pour quoi faire"
        options={PURPOSE_OPTIONS}
        value={values.but}
        required
        error={errors.but}
      />
      <SelectField
        name="duree"
        label="Pendant combien de temps"
        hint="Vous pouvez arrêter le partage à tout moment."
        options={DAYS_OPTIONS}
        value={values.duree ?? "30"}
        required
        error={errors.duree}
      />
    </>
  );
}

export function ShareList({ c, shares }: { c: AppContext; shares: Share[] }) {
  if (shares.length === 0) return <p>Aucun partage.</p>;
  return (
    <ul class="espace-list">
      {shares.map((s) => (
        <li>
          <strong>
            {s.documentTitle ?? `Catégorie ${CATEGORY_LABELS[s.category ?? "autre"]}`}
          </strong>{" "}
          avec {s.organisationName}, pour : {s.purpose}.{" "}
          {s.isActive ? (
            <>
              Jusqu'au {frenchSpokenDateTime(s.expiresAt)}.{" "}
              <form method="post" action={`/mon-espace/partages/${s.id}/retirer`}>
                <CsrfField token={c.var.csrfToken} />
                <button type="submit" class="button button--secondary">
                  Arrêter ce partage
                  <span class="visually-hidden">
                    {" "}
                    : {s.documentTitle ?? s.category} avec {s.organisationName}
                  </span>
                </button>
              </form>
            </>
          ) : (
            <Tag>{s.revokedAt ? `Arrêté le ${frenchLongDate(s.revokedAt)}` : "Terminé"}</Tag>
          )}
        </li>
      ))}
    </ul>
  );
}
