-- What an incident is (a real problem, or planned practice or maintenance) and the source's own
-- words on what changed afterwards; and what people write in the app, kept in tables of their
-- own so that a sync, which replaces a source's rows, never touches them: the explanation of
-- an incident ("what got better", or the mark that it was practice) and the friendly names
-- people give services. Neither refers to the synced rows: an explanation stays even when a
-- later sync no longer brings its incident.
--
-- As with notes, who wrote what is enforced here, not only in the app. Any teammate may write
-- or rewrite an explanation, but the database signs it: a new one with the connected role's
-- person as its writer, an edit with them as its last editor, keeping who wrote it first and
-- when. Nobody can write one in another's name, change who wrote one, or delete one, even from
-- psql. Roles that are not on the team (the admin) are not signed for.
--
-- Safe to run again, like 0001.

ALTER TABLE unsung.incidents ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'problem'
    CHECK (kind IN ('problem', 'drill', 'maintenance'));
ALTER TABLE unsung.incidents ADD COLUMN IF NOT EXISTS source_explanation text;

CREATE TABLE IF NOT EXISTS unsung.explanations (
    incident_id  text PRIMARY KEY,
    -- Empty when the person only marked the incident as practice.
    text         text NOT NULL,
    practice     boolean NOT NULL DEFAULT false,
    written_by   text NOT NULL,
    written_at   timestamptz NOT NULL,
    edited_by    text,
    edited_at    timestamptz,
    CHECK ((edited_by IS NULL) = (edited_at IS NULL))
);

CREATE TABLE IF NOT EXISTS unsung.service_names (
    service_id     text PRIMARY KEY,
    friendly_name  text NOT NULL CHECK (btrim(friendly_name) <> ''),
    -- Set by the database: the teammate (or, for the admin, the role) and the time.
    set_by         text NOT NULL DEFAULT current_user,
    set_at         timestamptz NOT NULL DEFAULT now()
);

-- Signs an explanation with the connected teammate's name.
CREATE OR REPLACE FUNCTION unsung.sign_explanation() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    me text := unsung.my_name();
BEGIN
    IF me IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.written_by := me;
        NEW.edited_by := NULL;
        NEW.edited_at := NULL;
    ELSE
        NEW.incident_id := OLD.incident_id;
        NEW.written_by := OLD.written_by;
        NEW.written_at := OLD.written_at;
        NEW.edited_by := me;
        IF NEW.edited_at IS NULL OR NEW.edited_at IS NOT DISTINCT FROM OLD.edited_at THEN
            NEW.edited_at := now();
        END IF;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS explanations_signed ON unsung.explanations;
CREATE TRIGGER explanations_signed BEFORE INSERT OR UPDATE ON unsung.explanations
    FOR EACH ROW EXECUTE FUNCTION unsung.sign_explanation();

-- Records who named a service, and when.
CREATE OR REPLACE FUNCTION unsung.sign_service_name() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    NEW.set_by := coalesce(unsung.my_name(), current_user);
    NEW.set_at := now();
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS service_names_signed ON unsung.service_names;
CREATE TRIGGER service_names_signed BEFORE INSERT OR UPDATE ON unsung.service_names
    FOR EACH ROW EXECUTE FUNCTION unsung.sign_service_name();

ALTER TABLE unsung.explanations ENABLE ROW LEVEL SECURITY;
ALTER TABLE unsung.explanations FORCE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS explanations_read ON unsung.explanations;
CREATE POLICY explanations_read ON unsung.explanations FOR SELECT
    USING (true);
DROP POLICY IF EXISTS explanations_write ON unsung.explanations;
CREATE POLICY explanations_write ON unsung.explanations FOR INSERT
    WITH CHECK (written_by = unsung.my_name() AND edited_by IS NULL);
DROP POLICY IF EXISTS explanations_edit ON unsung.explanations;
CREATE POLICY explanations_edit ON unsung.explanations FOR UPDATE
    USING (unsung.my_name() IS NOT NULL)
    WITH CHECK (edited_by = unsung.my_name());

-- Members read everything; they write explanations only through the policies above, and never
-- the columns that say who wrote one first; they name services freely.
REVOKE ALL ON unsung.explanations FROM unsung_member;
GRANT SELECT ON unsung.explanations TO unsung_member;
GRANT INSERT (incident_id, text, practice, written_by, written_at, edited_by, edited_at)
    ON unsung.explanations TO unsung_member;
GRANT UPDATE (text, practice, edited_by, edited_at) ON unsung.explanations TO unsung_member;
GRANT SELECT, INSERT, UPDATE, DELETE ON unsung.service_names TO unsung_member;
REVOKE ALL ON FUNCTION unsung.sign_explanation() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unsung.sign_explanation() TO unsung_member;
REVOKE ALL ON FUNCTION unsung.sign_service_name() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unsung.sign_service_name() TO unsung_member;

UPDATE unsung.meta SET schema_version = GREATEST(schema_version, 3);
