package dev.kakapo.hooks;

import dev.kakapo.protocol.v4.Message4;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code pkt4_receive}: the decoded client message, after the configured classes were
 * evaluated. A callout may replace the message (it is then classified again) and put the client
 * in more classes, which subnet and pool guards see as they see configured ones.
 */
public final class Query4 implements CalloutArguments {
    private Message4 query;
    private final Set<String> classes;
    private final Set<String> added;

    public Query4(Message4 query, Set<String> classes) {
        this(query, classes, Set.of());
    }

    private Query4(Message4 query, Set<String> classes, Set<String> added) {
        this.query = Objects.requireNonNull(query, "query");
        this.classes = Set.copyOf(classes);
        this.added = new LinkedHashSet<>(added);
    }

    public Message4 query() {
        return query;
    }

    /** The classes the client is in, the ones added by callouts included. */
    public Set<String> classes() {
        Set<String> all = new LinkedHashSet<>(classes);
        all.addAll(added);
        return all;
    }

    /** The classes callouts added. */
    public Set<String> addedClasses() {
        return Set.copyOf(added);
    }

    public void addClass(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a class name must not be blank");
        }
        added.add(name);
    }

    public void replaceQuery(Message4 replacement) {
        this.query = Objects.requireNonNull(replacement, "replacement");
    }

    @Override
    public Query4 copy() {
        return new Query4(query, classes, added);
    }
}
