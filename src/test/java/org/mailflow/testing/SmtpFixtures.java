package org.mailflow.testing;

import java.nio.file.Path;
import java.time.LocalDate;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A small, hand-made SMTP AUTH cache for store, view and command-line tests. The latest submission is
 * on {@link #AS_OF}; "day -n" below is n days before it. The last 7 days (day -6 .. day 0) hold:
 * <pre>
 * account                       domain            method   TLS                 messages (7 days)  flags
 * alice@contoso.example         contoso.example   LOGIN    TLS1.2               21 (3 a day)      basic-auth
 * printer@contoso.example       contoso.example   PLAIN    TLS1.0 10, none 5    15 (days -2, -1)  legacy-tls, basic-auth
 * scanner (bare user)           fabrikam.example  LOGIN    TLS1.1                4 (day 0)        legacy-tls, basic-auth
 * bob@fabrikam.example          fabrikam.example  XOAUTH2  TLS1.3                2 (day -3)       new-sender
 * mallory@contoso.example       contoso.example   LOGIN    TLS1.2              310 (2 a day, 300 on day 0 from 12 IPs)
 *                                                                                                 basic-auth, volume-spike, many-ips, auth-failures (25 on day -1)
 * quiet@contoso.example         contoso.example   PLAIN    TLS1.2               50 (day -5)       basic-auth (50 is not more than 50: no spike)
 * </pre>
 * Totals for the 7 days: 6 senders, 2 with legacy TLS, 402 messages: TLS1.0 10, TLS1.1 4, TLS1.2 381,
 * TLS1.3 2, none 5; contoso.example 396, fabrikam.example 6. Before the 7 days: alice 3 on day -40
 * (TLS1.2), printer 1 on day -60, scanner 1 on day -30, mallory 2 a day on days -20 .. -7, quiet 1 on
 * day -100. Submissions with message-ids: alice's (alice-N@contoso.example) and mallory's before day 0.
 */
public final class SmtpFixtures {
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 12);
    public static final long SEVEN_DAY_MESSAGES = 402;

    private SmtpFixtures() {
    }

    public static Cache smallSmtpCache(Path dir) throws CacheException {
        Cache cache = Cache.open(dir.resolve("smtp-fixture.db"));
        write(cache);
        return cache;
    }

    /** Adds the submissions described above to an open cache. */
    public static void write(Cache cache) throws CacheException {
        long last = AS_OF.toEpochDay();
        cache.write(c -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                int n = 0;
                for (int d = 6; d >= 0; d--) {
                    for (int k = 0; k < 3; k++) {
                        long day = last - d;
                        w.addSubmission(day, day * 86400 + 3600L * (8 + k), "alice@contoso.example", "contoso.example", "LOGIN",
                                "10.0.0.1", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384", "smtp1", "alice-" + (++n) + "@contoso.example", 1);
                    }
                }
                w.addSubmission(last - 40, null, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2,
                        "ECDHE-RSA-AES256-GCM-SHA384", "smtp1", "alice-0@contoso.example", 3);
                w.addSubmission(last - 2, null, "printer@contoso.example", "contoso.example", "PLAIN", "10.0.0.50", TlsVersion.TLS1_0,
                        "AES128-SHA", "smtp1", null, 10);
                w.addSubmission(last - 1, null, "printer@contoso.example", "contoso.example", "PLAIN", "10.0.0.50", TlsVersion.NONE,
                        "", "smtp1", null, 5);
                w.addSubmission(last - 60, null, "printer@contoso.example", "contoso.example", "PLAIN", "10.0.0.50", TlsVersion.TLS1_0,
                        "AES128-SHA", "smtp1", null, 1);
                w.addSubmission(last, null, "scanner", "fabrikam.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA",
                        "smtp2", null, 4);
                w.addSubmission(last - 30, null, "scanner", "fabrikam.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA",
                        "smtp2", null, 1);
                w.addSubmission(last - 3, null, "bob@fabrikam.example", "fabrikam.example", "XOAUTH2", "198.51.100.4", TlsVersion.TLS1_3,
                        "TLS_AES_256_GCM_SHA384", "smtp2", null, 2);
                int m = 0;
                for (int d = 20; d >= 2; d--) {
                    for (int k = 0; k < 2; k++) {
                        long day = last - d;
                        w.addSubmission(day, day * 86400 + 36000L + k, "mallory@contoso.example", "contoso.example", "LOGIN", "10.0.0.7",
                                TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384", "smtp1", "mallory-" + (++m) + "@contoso.example", 1);
                    }
                }
                for (int ip = 1; ip <= 12; ip++) {
                    w.addSubmission(last, null, "mallory@contoso.example", "contoso.example", "LOGIN", "203.0.113." + ip, TlsVersion.TLS1_2,
                            "ECDHE-RSA-AES256-GCM-SHA384", "smtp1", null, 25);
                }
                w.addFailures(last - 1, "mallory@contoso.example", "", 25);
                w.addFailures(last - 1, "alice@contoso.example", "", 20);
                w.addSubmission(last - 5, null, "quiet@contoso.example", "contoso.example", "PLAIN", "10.0.0.60", TlsVersion.TLS1_2,
                        "ECDHE-RSA-AES256-GCM-SHA384", "smtp1", null, 50);
                w.addSubmission(last - 100, null, "quiet@contoso.example", "contoso.example", "PLAIN", "10.0.0.60", TlsVersion.TLS1_2,
                        "ECDHE-RSA-AES256-GCM-SHA384", "smtp1", null, 1);
                w.flush();
            }
            return null;
        });
    }
}
