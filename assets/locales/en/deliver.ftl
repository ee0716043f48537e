# The story by email and thank-yous in team chat (crates/unsung-app/src/email.rs, chat.rs),
# and their Settings (ui/src/lib/components/FamilySettings.svelte, ChannelsSettings.svelte).

email-subject = { $team }: { $period }
email-greeting = { $name ->
    [none] Hello,
   *[other] Hello { $name },
}
email-intro = Here is how { $team } did. The picture and the PDF tell the same story.
email-closing = Sent with Unsung.
email-card-alt = { $headline }

chat-headline = { $author } thanked { $recipients }

ui-family-title = Family and friends
ui-family-lead = The people you send the story to by email. Each gets their own message, in their language, with no one else's address.
ui-family-none = Nobody yet.
ui-family-address = Email address
ui-family-show-names = Show teammates' names
ui-family-weekly = Every week, with the Monday notice
ui-family-names-shown = names shown
ui-family-names-hidden = names hidden
ui-family-every-week = every week
ui-family-add = Add someone to tell
ui-family-need-both = Write a name and an email address.
ui-family-added = { $name } will get the story.
ui-family-removed = { $name } will not get the story any more.
ui-email-server-title = Mail server
ui-email-smtp = Server address
ui-email-smtp-hint = smtp://you@mail.example.org:587 (STARTTLS) or smtps://you@mail.example.org:465 (TLS)
ui-email-sender = Send from
ui-email-password = Password
ui-email-password-set = { $set ->
    [yes] A password is set. Type a new one to change it.
   *[no] No password is set yet.
}
ui-email-certificate = Certificate to trust (optional)
ui-email-certificate-hint = Only for your own server with a self-signed certificate: paste it (PEM).
ui-email-save = Save the mail server
ui-email-saved = The mail server is saved.
ui-channels-title = Team chat
ui-channels-lead = Thank-you notes posted here also go to these chats. Webhook addresses and tokens are kept in the keychain.
ui-channels-none = No chat yet.
ui-channel-kind = Chat
ui-channel-url = Webhook address
ui-channel-homeserver = Matrix server
ui-channel-room = Room id
ui-channel-token = Access token
ui-channel-secret-set = { $set ->
    [yes] secret set
   *[no] secret missing
}
ui-channel-status = { $waiting } waiting, { $refused } refused
ui-channel-twice = { $count ->
    [one] One note was sent again after an unclear answer: it may show twice.
   *[other] { $count } notes were sent again after an unclear answer: they may show twice.
}
ui-channel-add = Add a chat
ui-channel-added = Thank-yous will go to { $name }.
ui-channel-removed = Thank-yous will not go to { $name } any more.
ui-channel-need-url = Write a name and the webhook address.
ui-channel-need-matrix = Write a name, the Matrix server, the room id and the access token.
ui-send-now = Send now by email
ui-send-now-lead = Sends this story to everyone in Family and friends, once each.
ui-send-now-done = Sent to { $done } of { $total }.
ui-mail-sent = sent
ui-mail-already_sent = already sent for this period
ui-mail-may_have_arrived = may have arrived (not sent again)
ui-mail-failed = not sent
