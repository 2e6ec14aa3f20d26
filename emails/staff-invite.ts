import { composeEmail, link, paragraph, type RenderedEmail } from "./layout";

/** `roles` are display labels; `expiresAt` is already formatted (it names its time zone). */
export type StaffInviteData = {
  name: string;
  invitedBy: string;
  roles: string[];
  setPasswordUrl: string;
  expiresAt: string;
};

/** The one-time link a new staff member follows to choose their password. */
export function staffInviteEmail(d: StaffInviteData): RenderedEmail {
  const subject = "You are invited to the mim-rfq review board";
  const roles = d.roles.join(", ");
  return composeEmail({
    subject,
    title: subject,
    preheader: `${d.invitedBy} invited you as ${roles}.`,
    parts: [
      paragraph(`Hello ${d.name},`),
      paragraph(
        `${d.invitedBy} invited you to mim-rfq, where the factory reviews quote requests, with the roles: ${roles}.`,
      ),
      paragraph(
        `Choose your password with this link. It works once, until ${d.expiresAt}; after that, ask ${d.invitedBy} for a new invitation.`,
      ),
      link("Choose your password", d.setPasswordUrl),
      paragraph("If you did not expect this invitation, ignore this e-mail: nothing happens until the link is used."),
    ],
  });
}
