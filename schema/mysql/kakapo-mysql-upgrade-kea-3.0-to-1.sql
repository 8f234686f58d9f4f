-- Turns a Kea 1.1 lease database (Kea MySQL schema version 3.0) into Kakapo schema version 1.
-- Every lease row is kept; Kea can still read the tables afterwards (see README.md).
--
-- MySQL commits each ALTER TABLE on its own, but each one is all or nothing. The one that can
-- fail on Kea's data (a lease6 row without a lease_type) comes first, so such a database is left
-- untouched; kakapo_schema_version comes last, so the stores refuse a half-upgraded database.
--
-- Apply with `kakapo admin db-upgrade mysql`, or by hand:
--   mysql DBNAME < kakapo-mysql-upgrade-kea-3.0-to-1.sql

-- Kea keys lease6 by address alone; Kakapo by (address, lease_type), so an address and a
-- delegated prefix with the same text are two rows. change_seq is the number of the last change
-- written; rows Kea wrote start at 0, so any change Kakapo writes replaces them.
ALTER TABLE lease6
    MODIFY lease_type TINYINT NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (address, lease_type),
    ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE lease4 ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;

-- Kakapo stores 0 when a DHCPv6 client's hardware address source is unknown.
INSERT IGNORE INTO lease_hwaddr_source VALUES (0, 'HWADDR_SOURCE_UNKNOWN');

CREATE TABLE kakapo_schema_version (
    version INT PRIMARY KEY NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO kakapo_schema_version VALUES (1);
