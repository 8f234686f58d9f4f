package dev.kakapo.hooks;

import dev.kakapo.protocol.v6.Message6;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code pkt6_receive}: the decoded client message (relay messages around it stay as they
 * arrived), after the configured classes were
 * evaluated. A callout may replace the message (it is then classified again) and put the client
 * in more classes, which subnet and pool guards see as they see configured ones.
 */
public final class Query6 implements CalloutArguments {
    private Message6 query;
    private final Set<String> classes;
    private final Set<String> added;

    public Query6(Message6 query, Set<String> classes) {
        this(query, classes, Set.of());
    }

    private Query6(Message6 query, Set<String> classes, Set<String> added) {
        this.query = Objects.requireNonNull(query, "query");
        this.classes = Set.copyOf(classes);
        this.added = new LinkedHashSet<>(added);
    }

    public Message6 query() {
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

    public void replaceQuery(Message6 replacement) {
        this.query = Objects.requireNonNull(replacement, "replacement");
    }

    @Override
    public Query6 copy() {
        return new Query6(query, classes, added);
    }
}
