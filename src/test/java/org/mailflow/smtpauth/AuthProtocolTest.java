package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.ingest.logs.EximParser;

/** SPEC 2: the authentication protocol of every mechanism name, and of Exim authenticator names through their mechanism. */
class AuthProtocolTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "NULL", value = {
        "XOAUTH2, OAuth", "OAUTHBEARER, OAuth", "xoauth2, OAuth", "' XOAUTH2 ', OAuth",
        "PLAIN, Basic", "LOGIN, Basic", "CRAM-MD5, Basic", "DIGEST-MD5, Basic", "NTLM, Basic",
        "SCRAM-SHA-1, Basic", "SCRAM-SHA-256, Basic", "SCRAM-SHA-256-PLUS, Basic", "login, Basic",
        "GSSAPI, Other", "EXTERNAL, Other", "ANONYMOUS, Other", "MY_AUTHENTICATOR, Other", "SCRAM, Other",
        "'', unknown", "'   ', unknown", "NULL, unknown",
        // the Authentication Protocol column of Microsoft's report
        "Basic, Basic", "BasicAuth, Basic", "OAuth, OAuth", "OAuth2, OAuth"})
    void mechanismsMapToTheirProtocol(String method, String protocol) {
        assertThat(AuthProtocol.of(method).label()).isEqualTo(protocol);
    }

    @ParameterizedTest(name = "Exim {0} → {1} → {2}")
    @CsvSource({
        "dovecot_login, LOGIN, Basic", "dovecot_plain, PLAIN, Basic", "plain_server, PLAIN, Basic", "login_server, LOGIN, Basic",
        "cram, CRAM-MD5, Basic", "cram_md5, CRAM-MD5, Basic", "xoauth2, XOAUTH2, OAuth", "oauthbearer, OAUTHBEARER, OAuth",
        "spa, NTLM, Basic", "gsasl_scram_sha_256, SCRAM-SHA-256, Basic", "fixed_plain, PLAIN, Basic",
        "tls_cert, TLS_CERT, Other", "my-authenticator, MY-AUTHENTICATOR, Other"})
    void eximAuthenticatorNamesMapThroughTheirMechanism(String authenticator, String method, String protocol) {
        String m = EximParser.authMethodOf(authenticator);
        assertThat(m).isEqualTo(method);
        assertThat(AuthProtocol.of(m).label()).isEqualTo(protocol);
    }
}
