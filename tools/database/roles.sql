-- One database role per service, each with only the grants it needs (L-21, docs/adr/0010-connection-budget.md).
--
--   command-api           owns schema commands       (its Flyway migrates it; reads and writes only there)
--   sales-projector       owns schema sales          (idem)
--   notification-service  owns schema notifications  (idem)
--   web-ui                reads sales and notifications (SELECT, now and on what their owners create later);
--                         writes nothing anywhere, creates nothing
-- No role is a superuser, none may create schemas or databases, and nobody creates in public.
--
-- Run it as a superuser (or a role with CREATEROLE that is a member of the four), in the shop's database, before
-- the services start and again after any change to it (it is idempotent):
--
--   psql -v ON_ERROR_STOP=1 -d shop -v role_prefix=shop_ \
--        -v command_api_password="$DATABASE_PASSWORD_COMMAND_API" \
--        -v sales_projector_password="$DATABASE_PASSWORD_SALES_PROJECTOR" \
--        -v notification_service_password="$DATABASE_PASSWORD_NOTIFICATION_SERVICE" \
--        -v web_ui_password="$DATABASE_PASSWORD_WEB_UI" -f tools/database/roles.sql
--
-- The roles are <role_prefix><service>: shop_command_api, shop_sales_projector, shop_notification_service,
-- shop_web_ui. An empty password leaves the role's password as it is (trust or peer authentication, or a password
-- managed elsewhere, e.g. CloudNativePG's managed roles). Passwords come from the environment, never from the
-- repository. Used by ./shop up, docker-compose's database-roles job and test-support's DatabaseRoles (which
-- replaces the :'name' variables itself, so this file uses no other psql feature).
--
-- A database where one login (shop) made everything: the schemas and everything in them are handed to their
-- service's role, so each service keeps migrating its own schema as itself.

-- no "already exists, skipping" notices on a second run
SET client_min_messages = warning;
-- the variables into settings of this session, which the DO block reads (psql substitutes nothing inside it);
-- SET prints nothing, so no password reaches a log
SET shop_roles.prefix = :'role_prefix';
SET shop_roles.password_command_api = :'command_api_password';
SET shop_roles.password_sales_projector = :'sales_projector_password';
SET shop_roles.password_notification_service = :'notification_service_password';
SET shop_roles.password_web_ui = :'web_ui_password';

DO $roles$
DECLARE
    prefix text := current_setting('shop_roles.prefix');
    service record;
    role_name text;
    password text;
    owned record;
BEGIN
    FOR service IN SELECT * FROM (VALUES ('command_api', 'commands'), ('sales_projector', 'sales'),
                                         ('notification_service', 'notifications'), ('web_ui', NULL))
                                 AS s(name, schema_name)
    LOOP
        role_name := prefix || service.name;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', role_name);
        END IF;
        password := current_setting('shop_roles.password_' || service.name);
        IF password <> '' THEN
            EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', role_name, password);
        END IF;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), role_name);

        IF service.schema_name IS NOT NULL THEN
            EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service.schema_name, role_name);
            EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service.schema_name, role_name);
            -- what another login made there before: tables, views, sequences of their own, functions
            FOR owned IN
                SELECT c.oid::regclass AS object, c.relkind
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = service.schema_name AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                  AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = role_name)
                  -- a serial's or identity's sequence follows its table
                  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass
                                    AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I',
                               CASE owned.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                                  WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                               owned.object, role_name);
            END LOOP;
            FOR owned IN
                SELECT p.oid::regprocedure AS object FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = service.schema_name AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = role_name)
            LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO %I', owned.object, role_name);
            END LOOP;
        END IF;
    END LOOP;

    -- The database's owner (the operators' login, shop) stays a member of the three owning roles: it administers
    -- their schemas, and during a rolling upgrade the previous version, which logs in as the owner, keeps working.
    FOR service IN SELECT * FROM (VALUES ('command_api'), ('sales_projector'), ('notification_service')) AS s(name)
    LOOP
        IF NOT (SELECT rolsuper FROM pg_roles WHERE oid = (SELECT datdba FROM pg_database WHERE datname = current_database())) THEN
            EXECUTE format('GRANT %I TO %I', prefix || service.name,
                           (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()));
        END IF;
    END LOOP;

    -- web-ui reads the projector's and the notifier's relations (their views, and the tables a rebuild swaps
    -- under the views), including those their owners create later, and nothing else
    FOR service IN SELECT * FROM (VALUES ('sales', 'sales_projector'), ('notifications', 'notification_service'))
                                 AS s(schema_name, owner_name)
    LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', service.schema_name, prefix || 'web_ui');
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', service.schema_name, prefix || 'web_ui');
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT ON TABLES TO %I',
                       prefix || service.owner_name, service.schema_name, prefix || 'web_ui');
    END LOOP;

    -- PostgreSQL 15's default already; older servers let everyone create in public
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$roles$;
