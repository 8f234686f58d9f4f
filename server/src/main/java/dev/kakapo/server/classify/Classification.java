package dev.kakapo.server.classify;

import dev.kakapo.server.config.ClientClass;
import dev.kakapo.server.config.ConfiguredOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes one packet's client is in: the built-in ones and the configured ones, in the order
 * they were evaluated, and what the configured ones give it (options, DHCPv4 boot fields).
 */
public final class Classification {
    private final Set<String> names;
    private final List<ClientClass> matched;

    Classification(Set<String> names, List<ClientClass> matched) {
        this.names = Collections.unmodifiableSet(names);
        this.matched = List.copyOf(matched);
    }

    /** Every class name, built-in ones included. */
    public Set<String> names() {
        return names;
    }

    public boolean contains(String className) {
        return names.contains(className);
    }

    /** The configured classes the client is in, in evaluation order. */
    public List<ClientClass> matched() {
        return matched;
    }

    /** Each matched class's {@code option-data}, in evaluation order: an option scope per class. */
    public List<List<ConfiguredOption>> optionScopes() {
        List<List<ConfiguredOption>> scopes = new ArrayList<>(matched.size());
        for (ClientClass c : matched) {
            if (!c.options().isEmpty()) {
                scopes.add(c.options());
            }
        }
        return scopes;
    }

    /** The first matched class's {@code next-server}, or 0. */
    public int nextServer() {
        for (ClientClass c : matched) {
            if (c.nextServer() != 0) {
                return c.nextServer();
            }
        }
        return 0;
    }

    /** The first matched class's {@code server-hostname}, or empty. */
    public String serverHostname() {
        for (ClientClass c : matched) {
            if (!c.serverHostname().isEmpty()) {
                return c.serverHostname();
            }
        }
        return "";
    }

    /** The first matched class's {@code boot-file-name}, or empty. */
    public String bootFileName() {
        for (ClientClass c : matched) {
            if (!c.bootFileName().isEmpty()) {
                return c.bootFileName();
            }
        }
        return "";
    }

    /**
     * This classification with the class names {@code more} added, as a hook library's callout puts
     * a client in classes: they guard subnets and pools like configured ones, and bring no options.
     */
    public Classification withNames(java.util.Collection<String> more) {
        if (names.containsAll(more)) {
            return this;
        }
        return plus(new LinkedHashSet<>(more), List.of());
    }

    /** This classification with {@code more} classes added after the ones it has. */
    Classification plus(Set<String> moreNames, List<ClientClass> more) {
        Set<String> allNames = new LinkedHashSet<>(names);
        allNames.addAll(moreNames);
        List<ClientClass> all = new ArrayList<>(matched);
        all.addAll(more);
        return new Classification(allNames, all);
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
