-- The team's people live here, with the other names sources use for each of them, so that
-- everyone's stories name the same people (unsung.people has been here since 0001; until now
-- the app kept people on each laptop only).
--
-- As with notes, what a teammate may change is enforced here, not only in the app. Everyone
-- on the team reads the list and adds or renames people, but only you say which other names
-- are yours: the entry of a teammate (the name unsung.team_members maps their role to) has its
-- other names changed, and is removed, only by that teammate's own role; and no one makes a
-- teammate's name another person's other name (which would credit their work to someone
-- else). Every change records the role that made it. Roles that are not on the team (the
-- admin) are not held to these rules.
--
-- Safe to run again, like 0001.

ALTER TABLE unsung.people ADD COLUMN IF NOT EXISTS changed_by text NOT NULL DEFAULT current_user;

-- The role whose entry `person` is, or NULL for someone who is not a teammate.
CREATE OR REPLACE FUNCTION unsung.role_of(person_name text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT role FROM unsung.team_members WHERE person = person_name $$;

CREATE OR REPLACE FUNCTION unsung.check_people_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    on_team boolean := EXISTS (SELECT FROM unsung.team_members WHERE role = current_user);
    owner   text;
    before  text[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        owner := unsung.role_of(OLD.name);
        IF on_team AND owner IS NOT NULL AND owner <> current_user THEN
            RAISE EXCEPTION '% is a teammate: only they can take themselves off People', OLD.name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF on_team THEN
        owner := unsung.role_of(NEW.name);
        before := CASE WHEN TG_OP = 'UPDATE' THEN OLD.aliases ELSE '{}'::text[] END;
        IF owner IS NOT NULL AND owner <> current_user AND NEW.aliases IS DISTINCT FROM before THEN
            RAISE EXCEPTION 'only % can say which other names are theirs', NEW.name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT FROM unsung.team_members m, unnest(NEW.aliases) AS alias
                   WHERE lower(alias) = lower(m.person) AND m.person <> NEW.name) THEN
            RAISE EXCEPTION 'a teammate''s name cannot be another name of %', NEW.name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    NEW.changed_by := current_user;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS people_rules ON unsung.people;
CREATE TRIGGER people_rules BEFORE INSERT OR UPDATE OR DELETE ON unsung.people
    FOR EACH ROW EXECUTE FUNCTION unsung.check_people_change();

REVOKE ALL ON FUNCTION unsung.role_of(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unsung.role_of(text) TO unsung_member;
REVOKE ALL ON FUNCTION unsung.check_people_change() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unsung.check_people_change() TO unsung_member;

UPDATE unsung.meta SET schema_version = GREATEST(schema_version, 2);
