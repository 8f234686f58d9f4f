-- Kakapo lease database for MySQL 8 and MariaDB, Kakapo schema version 2.
--
-- The tables are Kea 1.1's (Kea MySQL schema version 3.0): the lease tables and the host
-- reservation tables, with Kea's names, columns, keys and lookup rows, so Kea's tools and SQL
-- written for Kea keep working. Kakapo adds a change_seq column to
-- lease4 and lease6, keys lease6 by (address, lease_type) and records its own version in
-- kakapo_schema_version; README.md lists every difference.
--
-- Apply with `kakapo admin db-init mysql`, or by hand:
--   mysql DBNAME < kakapo-mysql-2.sql

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

-- Kea's host reservation tables (Kea 1.1's host backend). Codes of hosts.dhcp_identifier_type.
CREATE TABLE IF NOT EXISTS host_identifier_type (
    type TINYINT PRIMARY KEY NOT NULL,
    name VARCHAR(32) DEFAULT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT IGNORE INTO host_identifier_type VALUES (0, 'hw-address');
INSERT IGNORE INTO host_identifier_type VALUES (1, 'duid');
INSERT IGNORE INTO host_identifier_type VALUES (2, 'circuit-id');
INSERT IGNORE INTO host_identifier_type VALUES (3, 'client-id');
INSERT IGNORE INTO host_identifier_type VALUES (4, 'flex-id');

-- Where an option row applies (dhcp4_options.scope_id, dhcp6_options.scope_id); a reserved
-- option is scope 3.
CREATE TABLE IF NOT EXISTS dhcp_option_scope (
    scope_id TINYINT UNSIGNED PRIMARY KEY NOT NULL,
    scope_name VARCHAR(32) DEFAULT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT IGNORE INTO dhcp_option_scope VALUES (0, 'global');
INSERT IGNORE INTO dhcp_option_scope VALUES (1, 'subnet');
INSERT IGNORE INTO dhcp_option_scope VALUES (2, 'client-class');
INSERT IGNORE INTO dhcp_option_scope VALUES (3, 'host');

-- One reservation: the client's identifier and what it gets. ipv4_address and
-- dhcp4_next_server are IPv4 addresses as numbers; client classes are comma-separated. A subnet
-- id of 0 is the global scope; NULL means the host has no reservation in that family. The keys
-- are declared in the table, so a database that already holds Kea's table keeps its own.
CREATE TABLE IF NOT EXISTS hosts (
    host_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    dhcp_identifier VARBINARY(128) NOT NULL,
    dhcp_identifier_type TINYINT NOT NULL,
    dhcp4_subnet_id INT UNSIGNED NULL,
    dhcp6_subnet_id INT UNSIGNED NULL,
    ipv4_address INT UNSIGNED NULL,
    hostname VARCHAR(255) NULL,
    dhcp4_client_classes VARCHAR(255) NULL,
    dhcp6_client_classes VARCHAR(255) NULL,
    dhcp4_next_server INT UNSIGNED NULL,
    dhcp4_server_hostname VARCHAR(64) NULL,
    dhcp4_boot_file_name VARCHAR(128) NULL,
    PRIMARY KEY (host_id),
    UNIQUE INDEX key_dhcp4_ipv4_address_subnet_id (ipv4_address ASC, dhcp4_subnet_id ASC),
    UNIQUE INDEX key_dhcp4_identifier_subnet_id (dhcp_identifier ASC, dhcp_identifier_type ASC, dhcp4_subnet_id ASC),
    UNIQUE INDEX key_dhcp6_identifier_subnet_id (dhcp_identifier ASC, dhcp_identifier_type ASC, dhcp6_subnet_id ASC),
    INDEX fk_host_identifier_type (dhcp_identifier_type ASC),
    CONSTRAINT fk_host_identifier_type FOREIGN KEY (dhcp_identifier_type)
        REFERENCES host_identifier_type (type) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Options reserved for a host (scope 3), and Kea's other option scopes. value is the option's
-- payload as sent on the wire; formatted_value its text form, when it was given as text.
CREATE TABLE IF NOT EXISTS dhcp4_options (
    option_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    code TINYINT UNSIGNED NOT NULL,
    value BLOB NULL,
    formatted_value TEXT NULL,
    space VARCHAR(128) NULL,
    persistent TINYINT(1) NOT NULL DEFAULT 0,
    dhcp_client_class VARCHAR(128) NULL,
    dhcp4_subnet_id INT NULL,
    host_id INT UNSIGNED NULL,
    scope_id TINYINT UNSIGNED NOT NULL,
    PRIMARY KEY (option_id),
    INDEX fk_dhcp4_options_host1_idx (host_id ASC),
    INDEX fk_dhcp4_options_scope_idx (scope_id ASC),
    CONSTRAINT fk_options_host1 FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
    CONSTRAINT fk_dhcp4_option_scode FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS dhcp6_options (
    option_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    code SMALLINT UNSIGNED NOT NULL,
    value BLOB NULL,
    formatted_value TEXT NULL,
    space VARCHAR(128) NULL,
    persistent TINYINT(1) NOT NULL DEFAULT 0,
    dhcp_client_class VARCHAR(128) NULL,
    dhcp6_subnet_id INT NULL,
    host_id INT UNSIGNED NULL,
    scope_id TINYINT UNSIGNED NOT NULL,
    PRIMARY KEY (option_id),
    INDEX fk_dhcp6_options_host1_idx (host_id ASC),
    INDEX fk_dhcp6_options_scope_idx (scope_id ASC),
    CONSTRAINT fk_options_host10 FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
    CONSTRAINT fk_dhcp6_option_scode FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Reserved IPv6 addresses (type 0, prefix_len 128) and delegated prefixes (type 2). address is
-- RFC 5952 text; dhcp6_iaid NULL for any IA.
CREATE TABLE IF NOT EXISTS ipv6_reservations (
    reservation_id INT NOT NULL AUTO_INCREMENT,
    address VARCHAR(39) NOT NULL,
    prefix_len TINYINT UNSIGNED NOT NULL DEFAULT 128,
    type TINYINT UNSIGNED NOT NULL DEFAULT 0,
    dhcp6_iaid INT UNSIGNED NULL,
    host_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (reservation_id),
    UNIQUE INDEX key_dhcp6_address_prefix_len (address ASC, prefix_len ASC),
    INDEX fk_ipv6_reservations_host_idx (host_id ASC),
    CONSTRAINT fk_ipv6_reservations_host FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

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
INSERT INTO kakapo_schema_version VALUES (2);
