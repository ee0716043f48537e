-- Unsung's local store. Times are Unix seconds (UTC); lists are JSON arrays.

CREATE TABLE sources (
    name        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    url         TEXT,
    settings    TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);

CREATE TABLE services (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    external_id    TEXT NOT NULL,
    name           TEXT NOT NULL,
    friendly_name  TEXT,
    UNIQUE (source, external_id)
);

CREATE TABLE availability (
    service_id  TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL CHECK (end_at > start_at),
    status      TEXT NOT NULL CHECK (status IN ('up', 'degraded', 'down', 'maintenance')),
    PRIMARY KEY (service_id, start_at)
);
CREATE INDEX availability_by_end ON availability (end_at);

CREATE TABLE incidents (
    id               TEXT PRIMARY KEY,
    source           TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    external_id      TEXT NOT NULL,
    service_id       TEXT,
    title            TEXT NOT NULL,
    severity         TEXT NOT NULL CHECK (severity IN ('major', 'minor')),
    opened_at        INTEGER NOT NULL,
    acknowledged_at  INTEGER,
    resolved_at      INTEGER,
    resolved_by      TEXT,
    responders       TEXT NOT NULL DEFAULT '[]',
    notes            TEXT NOT NULL DEFAULT '[]',
    disposition      TEXT NOT NULL CHECK (disposition IN ('counted', 'merged', 'declined', 'test')),
    link             TEXT,
    UNIQUE (source, external_id)
);
CREATE INDEX incidents_by_opened ON incidents (opened_at);

CREATE TABLE changes (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
    service_id  TEXT,
    at          INTEGER NOT NULL,
    summary     TEXT NOT NULL
);
CREATE INDEX changes_by_at ON changes (at);

CREATE TABLE people (
    name    TEXT PRIMARY KEY,
    source  TEXT REFERENCES sources(name) ON DELETE SET NULL
);

CREATE TABLE thanks (
    id           TEXT PRIMARY KEY,
    author       TEXT NOT NULL,
    recipients   TEXT NOT NULL,
    message      TEXT NOT NULL,
    incident_id  TEXT,
    period_from  INTEGER,
    period_to    INTEGER,
    created_at   INTEGER NOT NULL,
    is_demo      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX thanks_by_created ON thanks (created_at);
