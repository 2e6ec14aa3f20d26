import { composeEmail, link, paragraph, type RenderedEmail } from "./layout";

export type StaffInviteData = { name: string; invitedBy: string; roles: string[]; setPasswordUrl: string; expiresOn: string };

/** The one-time link a new staff member follows to choose their password. */
export function staffInviteEmail(d: StaffInviteData): RenderedEmail {
  const subject = "You are invited to the mim-rfq review board";
  return composeEmail({
    subject,
    title: subject,
    preheader: `${d.invitedBy} invited you as ${d.roles.join(", ")}.`,
    parts: [
      paragraph(`Hello ${d.name},`),
      paragraph(`${d.invitedBy} invited you to mim-rfq as ${d.roles.join(", ")}. Choose your password with this link; it works once, until ${d.expiresOn}.`),
      link("Choose your password", d.setPasswordUrl),
      paragraph("If you did not expect this invitation, ignore this e-mail: nothing happens until the link is used."),
    ],
  });
}
