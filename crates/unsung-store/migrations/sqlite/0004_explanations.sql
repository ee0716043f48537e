-- What an incident is (a real problem, or planned practice or maintenance) and the source's own
-- words on what changed afterwards; and what people write in the app, kept in tables of their
-- own so that a sync, which replaces a source's rows, never touches them: the explanation of
-- an incident ("what got better", or the mark that it was practice) and the friendly names
-- people give services. Neither refers to the synced rows: an explanation stays even when a
-- later sync no longer brings its incident.

ALTER TABLE incidents ADD COLUMN kind TEXT NOT NULL DEFAULT 'problem'
    CHECK (kind IN ('problem', 'drill', 'maintenance'));
ALTER TABLE incidents ADD COLUMN source_explanation TEXT;

CREATE TABLE explanations (
    incident_id  TEXT PRIMARY KEY,
    -- Empty when the person only marked the incident as practice.
    text         TEXT NOT NULL,
    practice     INTEGER NOT NULL DEFAULT 0,
    written_by   TEXT NOT NULL,
    written_at   INTEGER NOT NULL,
    edited_by    TEXT,
    edited_at    INTEGER
);

CREATE TABLE service_names (
    service_id     TEXT PRIMARY KEY,
    friendly_name  TEXT NOT NULL,
    -- The local database does not know who is there: NULL here; a team database records it.
    set_by         TEXT,
    set_at         INTEGER NOT NULL
);
