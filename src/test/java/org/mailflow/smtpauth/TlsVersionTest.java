package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;

/** The TLS version tokens of SPEC 2 and the normalisation of source spellings. */
class TlsVersionTest {

    @ParameterizedTest(name = "{0} is token {1}, code {2}, legacy {3}")
    @CsvSource({
            "TLS1_0, TLS1.0, 0, true",
            "TLS1_1, TLS1.1, 1, true",
            "TLS1_2, TLS1.2, 2, false",
            "TLS1_3, TLS1.3, 3, false",
            "TLS,    TLS,    4, false",
            "NONE,   none,   5, true",
            "UNKNOWN, unknown, 6, false",
    })
    void tokensCodesAndLegacyAreFixed(TlsVersion tls, String token, int code, boolean legacy) {
        assertThat(tls.token()).isEqualTo(token);
        assertThat(tls.code()).isEqualTo(code);
        assertThat(tls.legacy()).isEqualTo(legacy);
        assertThat(TlsVersion.ofCode(code)).isSameAs(tls);
    }

    @ParameterizedTest(name = "every token parses back to itself: {0}")
    @EnumSource(TlsVersion.class)
    void everyTokenParsesBackToItself(TlsVersion tls) {
        assertThat(TlsVersion.parse(tls.token())).contains(tls);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(value = {
            // OpenSSL / Postfix
            "TLSv1|TLS1_0",
            "TLSv1.0|TLS1_0",
            "TLSv1.1|TLS1_1",
            "TLSv1.2|TLS1_2",
            "TLSv1.3|TLS1_3",
            "tlsv1.2|TLS1_2",
            // GnuTLS and the Microsoft report's own tokens
            "TLS1.0|TLS1_0",
            "TLS1.1|TLS1_1",
            "TLS1.2|TLS1_2",
            "TLS1.3|TLS1_3",
            // Microsoft spellings
            "TLS 1.2|TLS1_2",
            "TLS 1.0|TLS1_0",
            "1.2|TLS1_2",
            "1.3|TLS1_3",
            "1.0|TLS1_0",
            "Tls12|TLS1_2",
            "Tls11|TLS1_1",
            "Tls13|TLS1_3",
            "TLS1_2|TLS1_2",
            "TLS1_1|TLS1_1",
            "TLS_1_2|TLS1_2",
            "TLS_1.3|TLS1_3",
            "TLSv1_2|TLS1_2",
            "TLS v1.2|TLS1_2",
            // surrounding blanks
            "'  TLSv1.2  '|TLS1_2",
            // encrypted, version unknown
            "TLS|TLS",
            "tls|TLS",
            "TLSv1.x|TLS",
            // no TLS at all
            "none|NONE",
            "NONE|NONE",
            "''|UNKNOWN",
            "'   '|UNKNOWN",
            "unknown|UNKNOWN",
            "Unknown|UNKNOWN",
            "-|NONE",
            "plain|NONE",
            // SSL is older still: legacy
            "SSLv3|TLS1_0",
            "SSLv2|TLS1_0",
            "SSL3.0|TLS1_0",
    }, delimiter = '|')
    void sourceSpellingsAreNormalised(String spelling, TlsVersion expected) {
        assertThat(TlsVersion.parse(spelling)).contains(expected);
    }

    @ParameterizedTest(name = "null: the source does not say")
    @NullSource
    void nullIsUnknown(String spelling) {
        assertThat(TlsVersion.parse(spelling)).contains(TlsVersion.UNKNOWN);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @CsvSource({"TLS9", "banana", "TLSv1.4", "1.5", "SSLv4", "TLS2", "v", "12.2"})
    void unknownSpellingsAreRejected(String spelling) {
        assertThat(TlsVersion.parse(spelling)).isEmpty();
    }
}
