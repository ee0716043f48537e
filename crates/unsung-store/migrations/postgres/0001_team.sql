-- Unsung's team database: the team's thank-you notes and the synced incidents and uptime, so
-- one teammate's sync serves everyone.
--
-- Who wrote a note is enforced here, not only in the app: each teammate connects as their own
-- role (a member of unsung_member); row-level security lets a role post only as the person
-- unsung.team_members maps it to, and change or delete only its own notes, even from psql.
--
-- Run by `unsung team init` as the database's admin, or by scripts/team-init.sql through psql.
-- Safe to run again: every statement checks what exists first.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'unsung_member') THEN
        CREATE ROLE unsung_member NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;  -- created meanwhile, by a team init of another database on this server
END
$$;

CREATE SCHEMA IF NOT EXISTS unsung;
REVOKE ALL ON SCHEMA unsung FROM PUBLIC;
GRANT USAGE ON SCHEMA unsung TO unsung_member;

-- The schema's version, which the app checks before using the database.
CREATE TABLE IF NOT EXISTS unsung.meta (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    schema_version  integer NOT NULL
);
INSERT INTO unsung.meta (schema_version) VALUES (1)
    ON CONFLICT (singleton) DO UPDATE SET schema_version = GREATEST(unsung.meta.schema_version, 1);

-- Which database role is which teammate. Only the admin changes it (unsung.add_member).
CREATE TABLE IF NOT EXISTS unsung.team_members (
    role    text PRIMARY KEY,
    person  text NOT NULL UNIQUE CHECK (btrim(person) <> '')
);

CREATE TABLE IF NOT EXISTS unsung.sources (
    name        text PRIMARY KEY,
    kind        text NOT NULL,
    url         text,
    settings    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS unsung.services (
    id             text PRIMARY KEY,
    source         text NOT NULL REFERENCES unsung.sources (name) ON DELETE CASCADE,
    external_id    text NOT NULL,
    name           text NOT NULL,
    friendly_name  text,
    position       bigserial,
    UNIQUE (source, external_id)
);

CREATE TABLE IF NOT EXISTS unsung.availability (
    service_id  text NOT NULL REFERENCES unsung.services (id) ON DELETE CASCADE,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL CHECK (end_at > start_at),
    status      text NOT NULL CHECK (status IN ('up', 'degraded', 'down', 'maintenance')),
    PRIMARY KEY (service_id, start_at)
);
CREATE INDEX IF NOT EXISTS availability_by_end ON unsung.availability (end_at);

CREATE TABLE IF NOT EXISTS unsung.incidents (
    id               text PRIMARY KEY,
    source           text NOT NULL REFERENCES unsung.sources (name) ON DELETE CASCADE,
    external_id      text NOT NULL,
    service_id       text,
    title            text NOT NULL,
    severity         text NOT NULL CHECK (severity IN ('major', 'minor')),
    opened_at        timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    resolved_at      timestamptz,
    resolved_by      text,
    responders       text[] NOT NULL DEFAULT '{}',
    notes            text[] NOT NULL DEFAULT '{}',
    disposition      text NOT NULL CHECK (disposition IN ('counted', 'merged', 'declined', 'test')),
    link             text,
    UNIQUE (source, external_id)
);
CREATE INDEX IF NOT EXISTS incidents_by_opened ON unsung.incidents (opened_at);

CREATE TABLE IF NOT EXISTS unsung.changes (
    id          text PRIMARY KEY,
    source      text NOT NULL REFERENCES unsung.sources (name) ON DELETE CASCADE,
    service_id  text,
    at          timestamptz NOT NULL,
    summary     text NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_at ON unsung.changes (at);

CREATE TABLE IF NOT EXISTS unsung.people (
    name     text PRIMARY KEY,
    aliases  text[] NOT NULL DEFAULT '{}',
    source   text REFERENCES unsung.sources (name) ON DELETE SET NULL
);

CREATE TABLE IF NOT EXISTS unsung.thanks (
    id           uuid PRIMARY KEY,
    author       text NOT NULL,
    -- The role that wrote it: set by the database, checked by the policies below.
    author_role  text NOT NULL DEFAULT current_user,
    recipients   text[] NOT NULL CHECK (cardinality(recipients) > 0),
    message      text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 10000),
    incident_id  text,
    period_from  timestamptz,
    period_to    timestamptz,
    created_at   timestamptz NOT NULL,
    edited_at    timestamptz,
    CHECK ((period_from IS NULL) = (period_to IS NULL) AND (period_to IS NULL OR period_to > period_from))
);
CREATE INDEX IF NOT EXISTS thanks_by_created ON unsung.thanks (created_at);

-- The teammate the connected role is, or NULL for a role that is not on the team.
CREATE OR REPLACE FUNCTION unsung.my_name() RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT person FROM unsung.team_members WHERE role = current_user $$;

ALTER TABLE unsung.thanks ENABLE ROW LEVEL SECURITY;
-- Also for the table's owner: nobody but a superuser bypasses these rules.
ALTER TABLE unsung.thanks FORCE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS thanks_read ON unsung.thanks;
CREATE POLICY thanks_read ON unsung.thanks FOR SELECT
    USING (true);
DROP POLICY IF EXISTS thanks_post ON unsung.thanks;
CREATE POLICY thanks_post ON unsung.thanks FOR INSERT
    WITH CHECK (author_role = current_user AND author = unsung.my_name());
DROP POLICY IF EXISTS thanks_edit ON unsung.thanks;
CREATE POLICY thanks_edit ON unsung.thanks FOR UPDATE
    USING (author_role = current_user)
    WITH CHECK (author_role = current_user AND author = unsung.my_name());
DROP POLICY IF EXISTS thanks_delete ON unsung.thanks;
CREATE POLICY thanks_delete ON unsung.thanks FOR DELETE
    USING (author_role = current_user);

-- Members read everything, write the team's synced data, and write notes only through the
-- policies above; a note's author, role and creation time never change.
GRANT SELECT ON unsung.meta, unsung.team_members TO unsung_member;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    unsung.sources, unsung.services, unsung.availability, unsung.incidents, unsung.changes,
    unsung.people
    TO unsung_member;
GRANT USAGE ON SEQUENCE unsung.services_position_seq TO unsung_member;
REVOKE ALL ON unsung.thanks FROM unsung_member;
GRANT SELECT, DELETE ON unsung.thanks TO unsung_member;
GRANT INSERT (id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at)
    ON unsung.thanks TO unsung_member;
GRANT UPDATE (recipients, message, incident_id, period_from, period_to, edited_at)
    ON unsung.thanks TO unsung_member;
REVOKE ALL ON FUNCTION unsung.my_name() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unsung.my_name() TO unsung_member;

-- Adds a teammate: creates their login role if needed (the admin then gives it a password),
-- makes it a member, and records which person it posts as. Only the admin may call it.
CREATE OR REPLACE FUNCTION unsung.add_member(member_role text, member_name text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF member_role !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'role name % must be lower-case letters, digits and _', quote_literal(member_role);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = member_role) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN', member_role);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile
        END;
    END IF;
    EXECUTE format('GRANT unsung_member TO %I', member_role);
    INSERT INTO unsung.team_members (role, person) VALUES (member_role, btrim(member_name))
        ON CONFLICT (role) DO UPDATE SET person = excluded.person;
END
$$;
REVOKE ALL ON FUNCTION unsung.add_member(text, text) FROM PUBLIC;
