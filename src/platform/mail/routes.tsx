import { Hono } from "hono";
import { authorize, platformRules } from "../access/policy.ts";
import { type AppEnv, pageContext } from "../http/context.ts";
import { frenchShortDateTime } from "../time/french-dates.ts";
import { Tag } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import { listOutbox, type OutboxEntry } from "./outbox.ts";

export const mailRoutes = new Hono<AppEnv>();

const STATUS_LABELS: Record<OutboxEntry["status"], string> = {
  pending: "En attente",
  sent: "Envoyé",
  failed: "Échec",
  held: "Non envoyé (aucun serveur SMTP)",
};

mailRoutes.get("/admin/courriels", async (c) => {
  authorize(c.var.actor, platformRules.viewOutbox, undefined);
  const messages = await listOutbox(c.var.db);
  const smtpConfigured = Boolean(c.var.deps.config.smtpUrl);
  const smsConfigured = Boolean(c.var.deps.config.sms);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Courriels"
      breadcrumb={[{ label: "Espace professionnel", href: "/pro" }, { label: "Courriels" }]}
    >
      <h1>Courriels et SMS</h1>
      <p>
        {smtpConfigured
          ? "Les messages sont envoyés par le serveur SMTP configuré."
          : "Aucun serveur SMTP n'est configuré (SMTP_URL) : les messages restent ici, rien n'est perdu."}{" "}
        {smsConfigured
          ? "Les SMS sont envoyés par l'opérateur SMS configuré."
          : "Aucun opérateur SMS n'est configuré (SMS_HTTP_URL) : les SMS restent ici, non envoyés."}
      </p>
      {messages.length === 0 ? (
        <p>Aucun message pour l'instant.</p>
      ) : (
        <div class="table-wrapper">
          <table>
            <caption>Les 100 derniers messages</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr>
                  <td>{frenchShortDateTime(message.createdAt)}</td>
                  <td>{message.recipient}</td>
                  <td>{message.subject}</td>
                  <td>
                    <Tag
                      kind={
                        message.status === "sent"
                          ? "success"
                          : message.status === "failed"
                            ? "warning"
                            : "neutral"
                      }
                    >
                      {message.status === "held" && message.channel === "sms"
                        ? "Non envoyé (aucun opérateur SMS)"
                        : STATUS_LABELS[message.status]}
                    </Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
});
