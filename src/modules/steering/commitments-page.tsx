import { Hono } from "hono";
import { type AppEnv, pageContext } from "../../platform/http/context.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { QUESTIONS, RESPONDENTS } from "./commitments.ts";

export const commitmentsPage = new Hono<AppEnv>();

const TITLE = "Les engagements des candidats";

commitmentsPage.get("/engagements", (c) =>
  c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={[{ label: TITLE }]}>
      <h1>{TITLE}</h1>
      <p class="lead">
        En 2021, avant les élections départementales, le Collectif Citoyens Fraternels 92 a posé 8
        questions aux candidats. Voici quatre réponses, question par question.
      </p>
      <p>
        Ce sont des résumés écrits par l'équipe de Relais. Pour le texte complet, voir le document
        cité sous chaque réponse.
      </p>
      <nav aria-label="Les 8 questions">
        <ol>
          {QUESTIONS.map((question) => (
            <li>
              <a href={`#question-${question.number}`}>{question.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {QUESTIONS.map((question) => (
        <section aria-labelledby={`question-${question.number}`}>
          <h2 id={`question-${question.number}`}>
            Question {question.number} : {question.title}
          </h2>
          <p>
            <strong>La question :</strong> {question.asked}
          </p>
          <div class="cards">
            {RESPONDENTS.map((respondent) => (
              <div class="card">
                <h3 class="card__title">{respondent.name}</h3>
                <div class="card__body">
                  <p>{question.answers[respondent.id] ?? "Pas de réponse à cette question."}</p>
                  <p>Source : {respondent.source}</p>
                </div>
              </div>
            ))}
          </div>
        </section>
      ))}
    </Layout>,
  ),
);
