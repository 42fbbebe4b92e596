import { registerCatalog } from '../../web/i18n/index.js'
const fi = {
  'outbox.title': 'Lähtevät viestit',
  'outbox.intro.smtp': 'Viestit lähetetään sähköpostilla. Tässä näkyvät kaikki lähetetyt ja lähtöä odottavat viestit.',
  'outbox.intro.noSmtp': 'Sähköpostin lähetystä ei ole määritetty (SMTP_URL). Viestit jäävät tähän, ja voit välittää ne vastaanottajille itse.',
  'outbox.to': 'Vastaanottaja',
  'outbox.subject': 'Aihe',
  'outbox.created': 'Luotu',
  'outbox.status': 'Tila',
  'outbox.sent': 'Lähetetty {at}',
  'outbox.waiting': 'Odottaa',
  'outbox.failed': 'Lähetys epäonnistui ({attempts} yritystä)',
  'outbox.body': 'Viesti',
  'outbox.empty': 'Ei viestejä.',
}

type Keys = Record<keyof typeof fi, string>

const sv: Keys = {
  'outbox.title': 'Utgående meddelanden',
  'outbox.intro.smtp': 'Meddelandena skickas med e-post. Här syns alla skickade och väntande meddelanden.',
  'outbox.intro.noSmtp': 'E-postutskick har inte konfigurerats (SMTP_URL). Meddelandena stannar här och du kan själv vidarebefordra dem.',
  'outbox.to': 'Mottagare',
  'outbox.subject': 'Ämne',
  'outbox.created': 'Skapat',
  'outbox.status': 'Status',
  'outbox.sent': 'Skickat {at}',
  'outbox.waiting': 'Väntar',
  'outbox.failed': 'Utskicket misslyckades ({attempts} försök)',
  'outbox.body': 'Meddelande',
  'outbox.empty': 'Inga meddelanden.',
}

const en: Keys = {
  'outbox.title': 'Outbox',
  'outbox.intro.smtp': 'Messages are sent by e-mail. All sent and waiting messages are listed here.',
  'outbox.intro.noSmtp': 'Sending e-mail has not been set up (SMTP_URL). Messages stay here, and you can pass them on yourself.',
  'outbox.to': 'To',
  'outbox.subject': 'Subject',
  'outbox.created': 'Created',
  'outbox.status': 'Status',
  'outbox.sent': 'Sent {at}',
  'outbox.waiting': 'Waiting',
  'outbox.failed': 'Sending failed ({attempts} attempts)',
  'outbox.body': 'Message',
  'outbox.empty': 'No messages.',
}

export const mail = registerCatalog('mail', { fi, sv, en })
