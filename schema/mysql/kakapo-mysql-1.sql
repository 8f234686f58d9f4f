-- Kakapo lease database for MySQL 8 and MariaDB, Kakapo schema version 1.
--
-- The tables are Kea 1.1's (Kea MySQL schema version 3.0), with Kea's names, columns and lookup
-- rows, so Kea's tools and SQL written for Kea keep working. Kakapo adds a change_seq column to
-- lease4 and lease6, keys lease6 by (address, lease_type) and records its own version in
-- kakapo_schema_version; README.md lists every difference.
--
-- Apply with `kakapo admin db-init mysql`, or by hand:
--   mysql DBNAME < kakapo-mysql-1.sql

-- Kea's lease states (lease4.state, lease6.state).
CREATE TABLE lease_state (
    state INT UNSIGNED PRIMARY KEY NOT NULL,
    name VARCHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO lease_state VALUES (0, 'default');
INSERT INTO lease_state VALUES (1, 'declined');
INSERT INTO lease_state VALUES (2, 'expired-reclaimed');

-- What a DHCPv6 lease is for (lease6.lease_type).
CREATE TABLE lease6_types (
    lease_type TINYINT PRIMARY KEY NOT NULL,
    name VARCHAR(5)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO lease6_types VALUES (0, 'IA_NA');
INSERT INTO lease6_types VALUES (1, 'IA_TA');
INSERT INTO lease6_types VALUES (2, 'IA_PD');

-- Where a DHCPv6 client's hardware address was learned (lease6.hwaddr_source).
CREATE TABLE lease_hwaddr_source (
    hwaddr_source INT PRIMARY KEY NOT NULL,
    name VARCHAR(40)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO lease_hwaddr_source VALUES (0, 'HWADDR_SOURCE_UNKNOWN');
INSERT INTO lease_hwaddr_source VALUES (1, 'HWADDR_SOURCE_RAW');
INSERT INTO lease_hwaddr_source VALUES (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL');
INSERT INTO lease_hwaddr_source VALUES (4, 'HWADDR_SOURCE_DUID');
INSERT INTO lease_hwaddr_source VALUES (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION');
INSERT INTO lease_hwaddr_source VALUES (16, 'HWADDR_SOURCE_REMOTE_ID');
INSERT INTO lease_hwaddr_source VALUES (32, 'HWADDR_SOURCE_SUBSCRIBER_ID');
INSERT INTO lease_hwaddr_source VALUES (64, 'HWADDR_SOURCE_DOCSIS_CMTS');
INSERT INTO lease_hwaddr_source VALUES (128, 'HWADDR_SOURCE_DOCSIS_MODEM');

-- DHCPv4 leases. address is the IPv4 address as an unsigned 32-bit number; expire is
-- cltt + valid_lifetime (a TIMESTAMP: in UTC, up to 2038-01-19 03:14:07). change_seq (Kakapo)
-- is the number of the last change written.
CREATE TABLE lease4 (
    address INT UNSIGNED PRIMARY KEY NOT NULL,
    hwaddr VARBINARY(20),
    client_id VARBINARY(128),
    valid_lifetime INT UNSIGNED,
    expire TIMESTAMP NULL DEFAULT NULL,
    subnet_id INT UNSIGNED,
    fqdn_fwd BOOL,
    fqdn_rev BOOL,
    hostname VARCHAR(255),
    state INT UNSIGNED DEFAULT 0,
    change_seq BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT fk_lease4_state FOREIGN KEY (state) REFERENCES lease_state (state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX lease4_by_hwaddr_subnet_id ON lease4 (hwaddr, subnet_id);
CREATE INDEX lease4_by_client_id_subnet_id ON lease4 (client_id, subnet_id);
CREATE INDEX lease4_by_state_expire ON lease4 (state ASC, expire ASC);

-- DHCPv6 leases. address is RFC 5952 text. Keyed by (address, lease_type), where Kea keys by
-- address.
CREATE TABLE lease6 (
    address VARCHAR(39) NOT NULL,
    duid VARBINARY(128),
    valid_lifetime INT UNSIGNED,
    expire TIMESTAMP NULL DEFAULT NULL,
    subnet_id INT UNSIGNED,
    pref_lifetime INT UNSIGNED,
    lease_type TINYINT NOT NULL,
    iaid INT UNSIGNED,
    prefix_len TINYINT UNSIGNED,
    fqdn_fwd BOOL,
    fqdn_rev BOOL,
    hostname VARCHAR(255),
    hwaddr VARBINARY(20),
    hwtype SMALLINT UNSIGNED,
    hwaddr_source INT UNSIGNED,
    state INT UNSIGNED DEFAULT 0,
    change_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (address, lease_type),
    CONSTRAINT fk_lease6_type FOREIGN KEY (lease_type) REFERENCES lease6_types (lease_type),
    CONSTRAINT fk_lease6_state FOREIGN KEY (state) REFERENCES lease_state (state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX lease6_by_iaid_subnet_id_duid ON lease6 (iaid, subnet_id, duid);
CREATE INDEX lease6_by_state_expire ON lease6 (state ASC, expire ASC);

-- Kea's schema version: these tables are Kea's 3.0 (Kea 1.1).
CREATE TABLE schema_version (
    version INT PRIMARY KEY NOT NULL,
    minor INT
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO schema_version VALUES (3, 0);

-- Kakapo's schema version, which Kakapo's lease stores check when they open. Created last, so a
-- script stopped half way leaves a database the stores refuse.
CREATE TABLE kakapo_schema_version (
    version INT PRIMARY KEY NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO kakapo_schema_version VALUES (1);
