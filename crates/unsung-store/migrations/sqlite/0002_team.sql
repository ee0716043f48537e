-- Thank-you notes that can be edited, people with the other names sources use, settings, and
-- what a team database needs locally: a cache of its notes and an outbox for notes written
-- while it could not be reached.

ALTER TABLE people ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';

ALTER TABLE thanks ADD COLUMN edited_at INTEGER;
-- 1 for a copy of a note that lives in the team database; 0 for a note that lives here.
ALTER TABLE thanks ADD COLUMN from_team INTEGER NOT NULL DEFAULT 0;

-- Notes written for the team database and not yet delivered to it. Delivery inserts by id,
-- which the team database ignores if it has it already, so a retry never duplicates.
CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,
    author       TEXT NOT NULL,
    recipients   TEXT NOT NULL,
    message      TEXT NOT NULL,
    incident_id  TEXT,
    period_from  INTEGER,
    period_to    INTEGER,
    created_at   INTEGER NOT NULL,
    edited_at    INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    -- 1 once the team database refused it (not this teammate's to post): no more retries.
    refused      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
