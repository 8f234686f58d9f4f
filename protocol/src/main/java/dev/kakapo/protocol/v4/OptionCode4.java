package dev.kakapo.protocol.v4;

/** DHCPv4 option codes the message codec and the server refer to by name (RFC 2132 and later). */
public final class OptionCode4 {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTERS = 3;
    public static final int DOMAIN_NAME_SERVERS = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS_ID = 60;
    public static final int CLIENT_ID = 61;
    public static final int CLIENT_FQDN = 81;
    public static final int RELAY_AGENT_INFO = 82;
    public static final int SUBNET_SELECTION = 118;
    public static final int END = 255;

    private OptionCode4() {
    }
}
