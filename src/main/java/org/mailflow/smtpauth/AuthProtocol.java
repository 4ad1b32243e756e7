package org.mailflow.smtpauth;

import java.util.Locale;

/**
 * The authentication protocol of a submission, derived from its auth method (SPEC 2): the
 * "Authentication Protocol" (Basic vs OAuth) split of Microsoft's SMTP AUTH report. {@link #label()}
 * is the token used in exports, the {@code summary} command and the charts' legend.
 *
 * <ul>
 *   <li>{@code OAuth}: {@code XOAUTH2}, {@code OAUTHBEARER} (and Microsoft's {@code OAuth}, {@code OAuth2});</li>
 *   <li>{@code Basic}: the password mechanisms {@code PLAIN}, {@code LOGIN}, {@code CRAM-MD5},
 *       {@code DIGEST-MD5}, {@code NTLM}, {@code SCRAM-*} (and Microsoft's {@code Basic}, {@code BasicAuth});</li>
 *   <li>{@code Other}: any other name ({@code GSSAPI}, {@code EXTERNAL}, an Exim authenticator whose
 *       mechanism is not known, which the importer keeps upper-cased);</li>
 *   <li>{@code unknown}: no name at all.</li>
 * </ul>
 * Names compare case-insensitively, ignoring surrounding blanks.
 */
public enum AuthProtocol {
    BASIC("Basic"),
    OAUTH("OAuth"),
    OTHER("Other"),
    UNKNOWN("unknown");

    private final String label;

    AuthProtocol(String label) {
        this.label = label;
    }

    /** {@code Basic}, {@code OAuth}, {@code Other} or {@code unknown}. */
    public String label() {
        return label;
    }

    /** The protocol of an auth method as stored (any case); {@link #UNKNOWN} for null or blank. */
    public static AuthProtocol of(String method) {
        if (method == null) {
            return UNKNOWN;
        }
        String m = method.strip().toUpperCase(Locale.ROOT);
        if (m.isEmpty()) {
            return UNKNOWN;
        }
        switch (m) {
            case "XOAUTH2", "OAUTHBEARER", "OAUTH", "OAUTH2" -> {
                return OAUTH;
            }
            case "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "NTLM", "BASIC", "BASICAUTH" -> {
                return BASIC;
            }
            default -> {
                return m.startsWith("SCRAM-") ? BASIC : OTHER;
            }
        }
    }

    /** The protocol of a label ({@code basic}, {@code OAuth}…), for the command line and filters. */
    public static java.util.Optional<AuthProtocol> ofLabel(String label) {
        for (AuthProtocol p : values()) {
            if (p.label.equalsIgnoreCase(label == null ? "" : label.strip())) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
