-- Turns a Kakapo schema version 1 database into version 2: adds Kea 1.1's host reservation
-- tables. A database upgraded from Kea 1.1 already holds them, with its reservations; they are
-- kept as they are, and only the identifier types Kea 1.1 lacks (client-id, flex-id) are added.
-- Every statement can be run again, so an upgrade stopped half way is finished by running it
-- again; the version is set last, so the stores refuse a half-upgraded database.
--
-- Apply with `kakapo admin db-upgrade mysql`, or by hand:
--   mysql DBNAME < kakapo-mysql-upgrade-1-to-2.sql

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

UPDATE kakapo_schema_version SET version = 2;
