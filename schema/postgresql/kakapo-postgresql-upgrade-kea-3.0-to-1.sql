-- Turns a Kea 1.1 lease database (Kea schema version 3.0) into Kakapo schema version 1.
-- Every lease row is kept; Kea can still read the tables afterwards (see README.md).
--
-- Apply with `kakapo admin db-upgrade postgresql`, or by hand in one transaction:
--   psql --single-transaction -f kakapo-postgresql-upgrade-kea-3.0-to-1.sql DBNAME

-- The number of the last change written; rows Kea wrote start at 0, so any change Kakapo
-- writes replaces them.
ALTER TABLE lease4 ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE lease6 ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;

-- Kea keys lease6 by address alone; Kakapo by (address, lease_type), so an address and a
-- delegated prefix with the same text are two rows. The old key's name is looked up, since
-- PostgreSQL named it when Kea's script created the table.
DO $$
DECLARE
    old_key TEXT;
BEGIN
    SELECT conname INTO old_key FROM pg_constraint
        WHERE conrelid = 'lease6'::regclass AND contype = 'p';
    IF old_key IS NOT NULL THEN
        EXECUTE format('ALTER TABLE lease6 DROP CONSTRAINT %I', old_key);
    END IF;
END
$$;
ALTER TABLE lease6 ALTER COLUMN lease_type SET NOT NULL;
ALTER TABLE lease6 ADD CONSTRAINT lease6_pkey PRIMARY KEY (address, lease_type);

-- Kakapo stores 0 when a DHCPv6 client's hardware address source is unknown.
INSERT INTO lease_hwaddr_source
    SELECT 0, 'HWADDR_SOURCE_UNKNOWN'
    WHERE NOT EXISTS (SELECT 1 FROM lease_hwaddr_source WHERE hwaddr_source = 0);

CREATE TABLE kakapo_schema_version (
    version INT PRIMARY KEY NOT NULL
);
INSERT INTO kakapo_schema_version VALUES (1);
