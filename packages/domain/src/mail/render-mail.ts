import { renderHtmlMail } from './html-mail.ts';
import type { MailContent } from './mail-content.ts';
import { renderTextMail } from './text-mail.ts';

/** An e-mail ready to send: sent as multipart/alternative, a mail client shows the part it can. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export const renderMail = (content: MailContent): RenderedMail => ({
  // The tag lets a finance inbox filter every e-mail Faktura sends.
  subject: `Faktura: ${content.title}`,
  text: renderTextMail(content),
  html: renderHtmlMail(content),
});
