/**
 * The Département's own aids on a results page, apart from the national
 * rights: what each one is, why the household probably qualifies or not, how
 * to apply, and the text it comes from (or that it is a demonstration).
 */
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import { Tag } from "../../platform/ui/components.tsx";
import type { LocalAidResult } from "./local-aids.ts";

export function LocalAidsView({
  aids,
  headingLevel = 2,
}: {
  aids: readonly LocalAidResult[];
  headingLevel?: 2 | 3;
}) {
  if (aids.length === 0) return null;
  const H = headingLevel === 2 ? "h2" : "h3";
  const eligible = aids.filter((a) => a.eligible);
  const others = aids.filter((a) => !a.eligible);
  return (
    <section class="rights-local" aria-labelledby="aides-departement">
      <H id="aides-departement">Les aides du Département</H>
      <p>
        Ces aides sont décidées par le Département, en plus des aides nationales. Leurs règles sont
        les siennes : le résultat ci-dessous est une estimation.
      </p>
      {eligible.length > 0 && (
        <ul class="rights-list">
          {eligible.map((aid) => (
            <li class="rights-benefit rights-benefit--yes">
              <LocalAidCard aid={aid} level={headingLevel === 2 ? "h3" : "h4"} />
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <ul class="rights-list rights-list--others">
          {others.map((aid) => {
            const unmet = aid.checks.find((c) => !c.met);
            return (
              <li class="rights-benefit rights-benefit--no">
                <p>
                  <strong>{aid.name}</strong> : probablement pas.
                  {unmet && <> Condition non remplie : {lowerFirst(unmet.text)}.</>}
                  {aid.demo && (
                    <>
                      {" "}
                      <Tag kind="warning">Exemple de démonstration</Tag>
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function LocalAidCard({ aid, level }: { aid: LocalAidResult; level: "h3" | "h4" }) {
  const H = level;
  return (
    <>
      <H class="rights-benefit__title">
        {aid.name}
        {aid.amountCents !== null && (
          // A figure stays on one line (as the national amounts); a sentence wraps below.
          <>
            {"\u00a0"}: <span class="rights-benefit__amount">{aid.amountText}</span>
          </>
        )}
      </H>
      {aid.amountCents === null && (
        <p>
          Montant{"\u00a0"}: {aid.amountText.replace(/\.$/, "")}.
        </p>
      )}
      {aid.demo && (
        <p>
          <Tag kind="warning">Exemple de démonstration</Tag> Cette aide n'existe pas telle quelle
          {"\u00a0"}: elle montre comment le Département peut décrire ses aides.
        </p>
      )}
      <p class="rights-benefit__sentence">{aid.description}</p>
      <details class="rights-why">
        <summary>Pourquoi cette réponse</summary>
        <ul>
          {aid.checks.map((c) => (
            <li>
              {c.met ? "Oui" : "Non"}
              {"\u00a0"}: {lowerFirst(c.text)}.
            </li>
          ))}
        </ul>
      </details>
      {aid.apply.documents.length > 0 && (
        <>
          <p class="rights-benefit__subtitle">Les papiers à préparer{"\u00a0"}:</p>
          <ul>
            {aid.apply.documents.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        Où faire la demande{"\u00a0"}:{" "}
        {aid.apply.href ? <a href={aid.apply.href}>{aid.apply.text}</a> : aid.apply.text}. Qui verse
        l'aide{"\u00a0"}: {aid.giver.replace(/\.$/, "")}.
      </p>
      <p class="rights-refs">
        Source{"\u00a0"}: {aid.source.text.replace(/\.$/, "")}
        {aid.source.date ? ` (${frenchLocalDate(aid.source.date)})` : ""}.
      </p>
    </>
  );
}
