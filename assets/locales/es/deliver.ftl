# The story by email and thank-yous in team chat (crates/unsung-app/src/email.rs, chat.rs),
# and their Settings (ui/src/lib/components/FamilySettings.svelte, ChannelsSettings.svelte).

email-subject = { $team }: { $period }
email-greeting = { $name ->
    [none] Hola:
   *[other] Hola, { $name }:
}
email-intro = Así le fue a { $team }. La imagen y el PDF cuentan lo mismo.
email-closing = Enviado con Unsung.
email-card-alt = { $headline }

chat-headline = { $author } dio las gracias a { $recipients }

ui-family-title = Familia y amigos
ui-family-lead = Las personas a las que envías la historia por correo. Cada una recibe su propio mensaje, en su idioma, sin ver la dirección de nadie más.
ui-family-none = Todavía nadie.
ui-family-address = Correo electrónico
ui-family-show-names = Mostrar los nombres del equipo
ui-family-weekly = Cada semana, con el aviso del lunes
ui-family-names-shown = con nombres
ui-family-names-hidden = sin nombres
ui-family-every-week = cada semana
ui-family-add = Añadir a alguien
ui-family-need-both = Escribe un nombre y un correo electrónico.
ui-family-added = { $name } recibirá la historia.
ui-family-removed = { $name } ya no recibirá la historia.
ui-email-server-title = Servidor de correo
ui-email-smtp = Dirección del servidor
ui-email-smtp-hint = smtp://tu@correo.example.org:587 (STARTTLS) o smtps://tu@correo.example.org:465 (TLS)
ui-email-sender = Enviar desde
ui-email-password = Contraseña
ui-email-password-set = { $set ->
    [yes] Hay una contraseña guardada. Escribe otra para cambiarla.
   *[no] Todavía no hay contraseña.
}
ui-email-certificate = Certificado de confianza (opcional)
ui-email-certificate-hint = Solo para tu propio servidor con un certificado autofirmado: pégalo (PEM).
ui-email-save = Guardar el servidor de correo
ui-email-saved = El servidor de correo está guardado.
ui-channels-title = Chat del equipo
ui-channels-lead = Las notas de agradecimiento que se publican aquí también van a estos chats. Las direcciones de webhook y los tokens se guardan en el llavero.
ui-channels-none = Todavía no hay ningún chat.
ui-channel-kind = Chat
ui-channel-url = Dirección del webhook
ui-channel-homeserver = Servidor de Matrix
ui-channel-room = Id de la sala
ui-channel-token = Token de acceso
ui-channel-secret-set = { $set ->
    [yes] secreto guardado
   *[no] falta el secreto
}
ui-channel-status = { $waiting } en espera, { $refused } rechazadas
ui-channel-twice = { $count ->
    [one] Una nota se envió otra vez tras una respuesta dudosa: puede verse dos veces.
   *[other] { $count } notas se enviaron otra vez tras una respuesta dudosa: pueden verse dos veces.
}
ui-channel-add = Añadir un chat
ui-channel-added = Los agradecimientos irán a { $name }.
ui-channel-removed = Los agradecimientos ya no irán a { $name }.
ui-channel-need-url = Escribe un nombre y la dirección del webhook.
ui-channel-need-matrix = Escribe un nombre, el servidor de Matrix, el id de la sala y el token de acceso.
ui-send-now = Enviar ahora por correo
ui-send-now-lead = Envía esta historia a todas las personas de Familia y amigos, una vez a cada una.
ui-send-now-done = Enviado a { $done } de { $total }.
ui-mail-sent = enviado
ui-mail-already_sent = ya enviado para este periodo
ui-mail-may_have_arrived = puede que haya llegado (no se envía otra vez)
ui-mail-failed = no enviado
