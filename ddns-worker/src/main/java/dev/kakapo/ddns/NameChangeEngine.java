package dev.kakapo.ddns;

import dev.kakapo.ddns.config.DdnsDomain;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.ddns.dns.DomainUpdateSender;
import dev.kakapo.ddns.dns.UpdateReply;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Update;

/**
 * Applies name changes to DNS the RFC 4703 way (KEA-REFERENCE g.3):
 *
 * <ul>
 *   <li>add: forward add if the name is unused; if it is in use (YXDOMAIN), forward replace if
 *       our DHCID is there, else CONFLICT and nothing more; then reverse replace.
 *   <li>remove: delete our forward address if our DHCID is there (else CONFLICT); then delete
 *       what is left of the name if no address remains; then delete the reverse name if it
 *       still points at our name.
 * </ul>
 *
 * Each direction uses the domain that holds the name (longest suffix match); a direction no
 * domain holds is skipped, and a request no domain holds at all is REFUSED. A DNS error answer
 * makes the change REFUSED with the response code; no server answering makes it FAILED.
 * Changes of one FQDN run one at a time in arrival order; nothing here blocks a thread.
 */
public final class NameChangeEngine {
    private final DhcpDdnsSettings settings;
    private final DomainUpdateSender sender;
    private final FqdnQueue queue;

    /** @param executor runs the steps between DNS answers; small, quick work */
    public NameChangeEngine(DhcpDdnsSettings settings, Executor executor) {
        this.settings = settings;
        this.sender = new DomainUpdateSender(settings.dnsServerTimeout(), executor);
        this.queue = new FqdnQueue(executor);
    }

    /** Applies {@code change} after any earlier change of the same FQDN; the result says how it went. */
    public CompletableFuture<NameChangeResult> apply(NameChange change) {
        return queue.submit(change.fqdn(), () -> run(change));
    }

    private CompletableFuture<NameChangeResult> run(NameChange c) {
        List<String> notes = new ArrayList<>();
        Optional<DdnsDomain> forward = Optional.empty();
        Optional<DdnsDomain> reverse = Optional.empty();
        if (c.forward()) {
            forward = settings.forward().match(c.fqdn());
            if (forward.isEmpty()) {
                notes.add("forward skipped: no forward-ddns domain holds " + c.fqdn());
            }
        }
        if (c.reverse()) {
            reverse = settings.reverse().match(c.reverseName());
            if (reverse.isEmpty()) {
                notes.add("reverse skipped: no reverse-ddns domain holds " + c.reverseName());
            }
        }
        if (forward.isEmpty() && reverse.isEmpty()) {
            return CompletableFuture.completedFuture(result(Status.REFUSED, notes));
        }
        Optional<DdnsDomain> reverseDomain = reverse;
        CompletableFuture<Step> forwardStep = forward
                .map(d -> c.kind() == NameChange.Kind.ADD ? addForward(c, d, true) : removeForward(c, d))
                .orElse(CompletableFuture.completedFuture(Step.done(null)));
        return forwardStep.thenCompose(f -> {
            if (f.note() != null) {
                notes.add(f.note());
            }
            if (f.status() != Status.APPLIED || reverseDomain.isEmpty()) {
                return CompletableFuture.completedFuture(result(f.status(), notes));
            }
            DdnsDomain d = reverseDomain.get();
            CompletableFuture<Step> reverseStep = c.kind() == NameChange.Kind.ADD ? replaceReverse(c, d) : removeReverse(c, d);
            return reverseStep.thenApply(r -> {
                notes.add(r.note());
                return result(r.status(), notes);
            });
        });
    }

    private CompletableFuture<Step> addForward(NameChange c, DdnsDomain d, boolean mayRetry) {
        return send("forward", d, Rfc4703Updates.addForward(d.zoneFor(c.fqdn()), c), a -> switch (a.rcode()) {
            case Rcode.NOERROR -> CompletableFuture.completedFuture(Step.done(where("forward", d, a) + ": added"));
            case Rcode.YXDOMAIN -> replaceForward(c, d, mayRetry);
            default -> CompletableFuture.completedFuture(refused("forward", d, a));
        });
    }

    private CompletableFuture<Step> replaceForward(NameChange c, DdnsDomain d, boolean mayRetry) {
        return send("forward", d, Rfc4703Updates.replaceForward(d.zoneFor(c.fqdn()), c), a -> switch (a.rcode()) {
            case Rcode.NOERROR -> CompletableFuture.completedFuture(Step.done(where("forward", d, a) + ": in use by our DHCID, address replaced"));
            case Rcode.NXRRSET -> CompletableFuture.completedFuture(new Step(Status.CONFLICT,
                    where("forward", d, a) + ": " + c.fqdn() + " is in use and our DHCID is not there (RFC 4703 conflict)"));
            // the name went away between the two updates: add again, once
            case Rcode.NXDOMAIN -> mayRetry ? addForward(c, d, false) : CompletableFuture.completedFuture(refused("forward", d, a));
            default -> CompletableFuture.completedFuture(refused("forward", d, a));
        });
    }

    private CompletableFuture<Step> removeForward(NameChange c, DdnsDomain d) {
        Name zone = d.zoneFor(c.fqdn());
        return send("forward", d, Rfc4703Updates.removeForwardAddress(zone, c), a -> switch (a.rcode()) {
            case Rcode.NOERROR -> send("forward", d, Rfc4703Updates.removeForwardRemains(zone, c), r -> switch (r.rcode()) {
                case Rcode.NOERROR -> CompletableFuture.completedFuture(Step.done(where("forward", d, r) + ": address and name removed"));
                // other addresses still use the name, or its DHCID went meanwhile: ours is gone either way
                case Rcode.YXRRSET, Rcode.NXRRSET, Rcode.NXDOMAIN ->
                        CompletableFuture.completedFuture(Step.done(where("forward", d, r) + ": address removed, name kept"));
                default -> CompletableFuture.completedFuture(refused("forward", d, r));
            });
            // nothing is left of the name: there is nothing of ours to remove
            case Rcode.NXDOMAIN -> CompletableFuture.completedFuture(Step.done(where("forward", d, a) + ": name already absent"));
            // BIND says NXRRSET for an absent name too; either way the reverse (which points at
            // this name) is left alone, since the name may be another client's
            case Rcode.NXRRSET -> CompletableFuture.completedFuture(new Step(Status.CONFLICT,
                    where("forward", d, a) + ": " + c.fqdn() + " does not carry our DHCID (another client's, or absent); nothing removed"));
            default -> CompletableFuture.completedFuture(refused("forward", d, a));
        });
    }

    private CompletableFuture<Step> replaceReverse(NameChange c, DdnsDomain d) {
        return send("reverse", d, Rfc4703Updates.replaceReverse(d.zoneFor(c.reverseName()), c), a ->
                CompletableFuture.completedFuture(a.rcode() == Rcode.NOERROR
                        ? Step.done(where("reverse", d, a) + ": PTR " + c.reverseName() + " set")
                        : refused("reverse", d, a)));
    }

    private CompletableFuture<Step> removeReverse(NameChange c, DdnsDomain d) {
        return send("reverse", d, Rfc4703Updates.removeReverse(d.zoneFor(c.reverseName()), c), a ->
                CompletableFuture.completedFuture(switch (a.rcode()) {
                    case Rcode.NOERROR -> Step.done(where("reverse", d, a) + ": PTR " + c.reverseName() + " removed");
                    // the PTR is gone or names another host: nothing of ours is left
                    case Rcode.NXRRSET, Rcode.NXDOMAIN -> Step.done(where("reverse", d, a) + ": PTR " + c.reverseName() + " not ours or absent");
                    default -> refused("reverse", d, a);
                }));
    }

    /** Sends one update; no server answering ends the change as FAILED, an answer goes to {@code next}. */
    private CompletableFuture<Step> send(String direction, DdnsDomain d, Update update,
                                         Function<UpdateReply.Answered, CompletableFuture<Step>> next) {
        return sender.send(d, update).thenCompose(reply -> {
            if (reply instanceof UpdateReply.Answered a) {
                return next.apply(a);
            }
            String why = ((UpdateReply.Unanswered) reply).why();
            return CompletableFuture.completedFuture(new Step(Status.FAILED,
                    direction + " " + d.name() + ": no DNS server answered (" + why + ")"));
        });
    }

    private static Step refused(String direction, DdnsDomain d, UpdateReply.Answered a) {
        return new Step(Status.REFUSED, where(direction, d, a) + ": " + a.rcodeName());
    }

    private static String where(String direction, DdnsDomain d, UpdateReply.Answered a) {
        return direction + " " + d.name() + " via " + a.server();
    }

    private static NameChangeResult result(Status status, List<String> notes) {
        return NameChangeResult.newBuilder().setStatus(status).setDetail(String.join("; ", notes)).build();
    }

    /** How one direction ended; {@code APPLIED} lets the next direction go on. */
    private record Step(Status status, String note) {
        static Step done(String note) {
            return new Step(Status.APPLIED, note);
        }
    }
}
