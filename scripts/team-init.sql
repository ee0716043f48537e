-- Sets up (or updates) Unsung's team database with psql, for admins who prefer it to
-- `unsung team init`. It applies the same migration files the app does, then adds members.
-- Run it from the repository root, as the database's admin (a superuser, or the database's
-- owner with CREATEROLE):
--
--   psql "postgres://admin@db.example.org/unsung" -v members='ana=Ana,ben=Ben' -f scripts/team-init.sql
--
-- `members` is a comma-separated list of ROLE or ROLE=Name (the name their notes are signed
-- with). Login roles that do not exist yet are created without a password: give each one with
-- `\password ana`. Safe to run again.

\set ON_ERROR_STOP on
\if :{?members}
\else
\set members ''
\endif

BEGIN;
\ir ../crates/unsung-store/migrations/postgres/0001_team.sql
\ir ../crates/unsung-store/migrations/postgres/0002_people.sql
\ir ../crates/unsung-store/migrations/postgres/0003_explanations.sql
SELECT unsung.add_member(
           btrim(split_part(member, '=', 1)),
           coalesce(nullif(btrim(split_part(member, '=', 2)), ''), btrim(split_part(member, '=', 1))))
    FROM unnest(string_to_array(:'members', ',')) AS member
    WHERE btrim(member) <> '';
COMMIT;

SELECT role, person AS "signs notes as" FROM unsung.team_members ORDER BY role;
