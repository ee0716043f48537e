-- Deliveries beyond the team database: the people the story is emailed to and what was sent
-- to whom for which period (at most once each), and the team chats thank-yous go to, with an
-- outbox of notes waiting for each. Secrets (SMTP password, webhook URLs, Matrix tokens) are
-- never here: they live in the keychain.

CREATE TABLE mail_recipients (
    address     TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    lang        TEXT NOT NULL,
    show_names  INTEGER NOT NULL DEFAULT 0,
    -- 1: also sent with the Monday notice.
    weekly      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);

-- One row per person and period, written ('sending') before the message is handed to the
-- server: a crash leaves 'sending', which is never sent again unless the user asks.
CREATE TABLE mail_sends (
    address     TEXT NOT NULL,
    period      TEXT NOT NULL,
    -- 'sending' (handed over, outcome not known yet), 'sent', or 'failed' (nothing delivered).
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    message_id  TEXT NOT NULL,
    last_error  TEXT,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (address, period)
);

CREATE TABLE chat_channels (
    name        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    homeserver  TEXT,
    room        TEXT,
    -- The language of the line around each note ("Ana thanked Ben").
    lang        TEXT NOT NULL DEFAULT 'en',
    created_at  INTEGER NOT NULL
);

-- A note waiting for (or delivered to) a channel. 'unknown_outcomes' counts the times a
-- delivery got no clear answer; a webhook retried after one may show the note twice, and the
-- app says so.
CREATE TABLE chat_outbox (
    note_id           TEXT NOT NULL,
    channel           TEXT NOT NULL REFERENCES chat_channels (name) ON DELETE CASCADE,
    headline          TEXT NOT NULL,
    message           TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    -- 'waiting', 'delivered' or 'refused'.
    state             TEXT NOT NULL DEFAULT 'waiting',
    attempts          INTEGER NOT NULL DEFAULT 0,
    unknown_outcomes  INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT,
    PRIMARY KEY (note_id, channel)
);
