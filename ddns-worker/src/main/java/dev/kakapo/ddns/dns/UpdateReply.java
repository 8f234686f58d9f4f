package dev.kakapo.ddns.dns;

import dev.kakapo.ddns.config.DnsServer;
import org.xbill.DNS.Rcode;

/** What came back for one DNS UPDATE sent to a domain's servers. */
public sealed interface UpdateReply {

    /**
     * A server answered (and, for a signed update, its answer verified; or it said NOTAUTH,
     * which a server that cannot check our signature sends unsigned).
     *
     * @param tsigError the TSIG error of the answer (0 when none), e.g. BADSIG with NOTAUTH
     */
    record Answered(DnsServer server, int rcode, int tsigError) implements UpdateReply {
        /** The response code as DNS names it, with the TSIG error when there is one: {@code NOTAUTH (TSIG BADSIG)}. */
        public String rcodeName() {
            return Rcode.string(rcode) + (tsigError == 0 ? "" : " (TSIG " + Rcode.TSIGstring(tsigError) + ")");
        }
    }

    /** No server of the domain gave a usable answer; {@code why} says what each one did. */
    record Unanswered(String why) implements UpdateReply {
    }
}
