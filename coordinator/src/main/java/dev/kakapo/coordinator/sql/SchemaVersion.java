package dev.kakapo.coordinator.sql;

/**
 * The lease schema a database holds, as {@code kakapo admin db-version} reports it.
 *
 * @param kakapo   Kakapo's schema version ({@code kakapo_schema_version}), 0 when absent
 * @param keaMajor Kea's schema version ({@code schema_version.version}), 0 when absent
 * @param keaMinor Kea's minor version ({@code schema_version.minor})
 */
public record SchemaVersion(int kakapo, int keaMajor, int keaMinor) {

    public static final SchemaVersion NONE = new SchemaVersion(0, 0, 0);

    /** No lease schema at all: {@code db-init} is what the database needs. */
    public boolean isEmpty() {
        return kakapo == 0 && keaMajor == 0;
    }

    /** A Kea database Kakapo has not taken over yet: {@code db-upgrade} is what it needs. */
    public boolean isKeaOnly() {
        return kakapo == 0 && keaMajor != 0;
    }

    /** Kea's form, e.g. "3.0", or "none". */
    public String keaText() {
        return keaMajor == 0 ? "none" : keaMajor + "." + keaMinor;
    }

    @Override
    public String toString() {
        return "kakapo " + (kakapo == 0 ? "none" : Integer.toString(kakapo)) + ", kea " + keaText();
    }
}
