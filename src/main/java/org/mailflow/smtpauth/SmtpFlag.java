package org.mailflow.smtpauth;

/** The unusual-activity flags of SPEC 2.5, in the order the UI shows them. {@link #token()} is used in exports. */
public enum SmtpFlag {
    LEGACY_TLS("legacy-tls"),
    BASIC_AUTH("basic-auth"),
    VOLUME_SPIKE("volume-spike"),
    NEW_SENDER("new-sender"),
    MANY_IPS("many-ips"),
    AUTH_FAILURES("auth-failures"),
    NEW_COUNTRY("new-country"),
    IMPOSSIBLE_TRAVEL("impossible-travel"),
    SPRAYED_IP("sprayed-ip");

    private final String token;

    SmtpFlag(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }
}
