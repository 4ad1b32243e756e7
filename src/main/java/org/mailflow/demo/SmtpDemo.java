package org.mailflow.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.TlsVersion;

/**
 * SMTP AUTH demo data: the accounts of a few organisations submitting mail through two servers
 * ({@code smtp1}, {@code smtp2}) over a number of days ending on {@link DemoGenerator#LAST_DAY},
 * deterministic per seed. The kinds of senders an administrator meets:
 * <ul>
 * <li>people on TLS 1.2/1.3 (LOGIN, PLAIN or XOAUTH2), sending on weekdays from the office, from home
 * and sometimes from a phone, with holidays, a few joiners and leavers, and the odd mistyped password;</li>
 * <li>printers, scanners and other devices on TLS 1.0/1.1 or no TLS at all (PLAIN or LOGIN, one fixed
 * internal IP, a steady weekday cadence), some of them failing for a few days after a password change;</li>
 * <li>service accounts, mostly with bare SASL user names ({@code svc-backup}) whose domain is the
 * envelope sender's, sending every day from one server; one sends for two domains, one sends its
 * monthly invoices in one burst, two are legacy applications;</li>
 * <li>accounts that look compromised: a run of failed authentications (more than 20 a day), then
 * hundreds of submissions at night from many client IPs, then nothing (the account was disabled);
 * the latest attack is in the last 7 days;</li>
 * <li>new senders whose first submission is in the last 7 days (new hires, a new printer on legacy TLS,
 * a new service).</li>
 * </ul>
 * Most submissions come with a message-id, written one by one in time order as a log import would
 * write them; the rest (some devices, services and people) come as per-day counts without one, as
 * an aggregated report gives them. All addresses are fictitious ({@code .example} domains, IP
 * addresses from the documentation, private and shared ranges).
 */
public final class SmtpDemo {
    /** How much data; the numbers are accounts of each kind besides the new senders. */
    public enum Size {
        SMALL(120, 3, 266, 11, 18, 0.7, new int[] {3}),
        LARGE(180, 12, 19_400, 620, 300, 1.0, new int[] {3, 19, 44, 80, 115, 140});

        private final int days;
        private final int domains;
        private final int people;
        private final int devices;
        private final int services;
        /** Scales the daily volume of people and services (a small office sends less). */
        private final double volume;
        /** Days before the last day on which a compromised account sends its spam burst. */
        private final int[] attacks;

        Size(int days, int domains, int people, int devices, int services, double volume, int[] attacks) {
            this.days = days;
            this.volume = volume;
            this.domains = domains;
            this.people = people;
            this.devices = devices;
            this.services = services;
            this.attacks = attacks;
        }

        public int days() {
            return days;
        }
    }

    /** What was generated. */
    public record Result(int accounts, int people, int devices, int services, int bareUsers, int legacySenders, int newSenders,
                         int compromised, int domains, int days, long submissions, long withMessageId, long authFailures,
                         long detailRows) {
    }

    static final String[] DOMAINS = {"contoso.example", "fabrikam.example", "northwind.example", "adatum.example",
        "litware.example", "tailspintoys.example", "wingtiptoys.example", "woodgrovebank.example", "fourthcoffee.example",
        "proseware.example", "lucernepublishing.example", "alpineskihouse.example"};
    private static final String[] SERVERS = {"smtp1", "smtp2"};
    private static final String[] FIRST = {"aaron", "abigail", "adam", "aisha", "alex", "amelia", "ana", "andre", "anna", "arjun",
        "ben", "bianca", "carlos", "chen", "chloe", "daniel", "dana", "david", "diego", "elena", "eli", "emma", "erik", "fatima",
        "felix", "george", "grace", "hana", "hugo", "ines", "ivan", "jack", "jana", "jun", "kai", "kim", "lara", "lena", "leo",
        "lucas", "maria", "mateo", "maya", "mia", "nina", "noah", "olga", "omar", "oscar", "paula", "priya", "quinn", "rosa",
        "sam", "sara", "sven", "tara", "tom", "uma", "victor", "wei", "yara", "yusuf", "zoe"};
    private static final String[] LAST = {"abbott", "ahmed", "alvarez", "andersen", "baker", "bauer", "brown", "chan", "cohen",
        "costa", "dubois", "edwards", "fischer", "garcia", "gomez", "green", "hansen", "hill", "ito", "jansen", "johnson", "kaur",
        "khan", "kim", "klein", "kowalski", "larsen", "lee", "lin", "lopez", "martin", "meyer", "moreau", "muller", "nakamura",
        "nguyen", "novak", "obrien", "okafor", "olsen", "park", "patel", "perez", "petrov", "quinn", "rossi", "santos", "sato",
        "schmidt", "silva", "singh", "smith", "suzuki", "tanaka", "taylor", "torres", "wagner", "walsh", "wang", "weber",
        "wilson", "wong", "young", "zhang"};
    private static final String[] DEVICE_KINDS = {"mfp", "scanner", "printer", "scan2mail", "fax", "ups", "nas", "badge-reader",
        "bms", "nvr"};
    private static final double[] DEVICE_KIND_WEIGHTS = {0.3, 0.2, 0.15, 0.1, 0.05, 0.05, 0.05, 0.04, 0.03, 0.03};
    private static final String[] SERVICE_NAMES = {"svc-backup", "svc-crm", "svc-erp", "svc-helpdesk", "svc-monitoring",
        "svc-hr-portal", "svc-payroll", "svc-invoices", "svc-reports", "jenkins", "nagios", "svc-sharepoint", "svc-ticketing",
        "svc-mailer", "noreply", "notifications", "billing", "alerts"};
    /** Service names that are addresses (a mailbox of the domain) rather than bare SASL users. */
    private static final Set<String> ADDRESS_SERVICES = Set.of("noreply", "notifications", "billing", "alerts");

    // Clients: auth method, TLS version and an OpenSSL cipher name of that version.
    private static final Client[] LAPTOPS = {
        new Client("XOAUTH2", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384"),
        new Client("XOAUTH2", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384"),
        new Client("LOGIN", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384"),
        new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES128-GCM-SHA256"),
        new Client("PLAIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384")};
    private static final double[] LAPTOP_WEIGHTS = {0.45, 0.15, 0.15, 0.15, 0.10};
    private static final Client[] PHONES = {
        new Client("XOAUTH2", TlsVersion.TLS1_3, "TLS_AES_128_GCM_SHA256"),
        new Client("LOGIN", TlsVersion.TLS1_3, "TLS_CHACHA20_POLY1305_SHA256"),
        new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-CHACHA20-POLY1305")};
    private static final double[] PHONE_WEIGHTS = {0.4, 0.3, 0.3};
    private static final Client[] LEGACY_DEVICES = {
        new Client("PLAIN", TlsVersion.TLS1_0, "AES256-SHA"),
        new Client("PLAIN", TlsVersion.TLS1_0, "ECDHE-RSA-AES256-SHA"),
        new Client("LOGIN", TlsVersion.TLS1_0, "DES-CBC3-SHA"),
        new Client("LOGIN", TlsVersion.TLS1_1, "ECDHE-RSA-AES128-SHA"),
        new Client("PLAIN", TlsVersion.TLS1_1, "AES128-SHA"),
        new Client("PLAIN", TlsVersion.NONE, ""),
        new Client("LOGIN", TlsVersion.NONE, "")};
    private static final double[] LEGACY_DEVICE_WEIGHTS = {0.2, 0.15, 0.1, 0.15, 0.1, 0.2, 0.1};
    private static final Client MODERN_DEVICE = new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384");
    private static final Client[] SERVICES = {
        new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384"),
        new Client("PLAIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES128-GCM-SHA256"),
        new Client("PLAIN", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384")};
    private static final double[] SERVICE_WEIGHTS = {0.5, 0.3, 0.2};
    private static final Client NAGIOS = new Client("PLAIN", TlsVersion.NONE, "");
    private static final Client OLD_ERP = new Client("LOGIN", TlsVersion.TLS1_0, "ECDHE-RSA-AES256-SHA");
    /** What the spam tool of a compromised account negotiates. */
    private static final Client BOT = new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES128-GCM-SHA256");

    private record Client(String method, TlsVersion tls, String cipher) {
    }

    private enum Kind { PERSON, DEVICE, SERVICE }

    /** One account and how it behaves; all days are epoch days. */
    private static final class Account {
        final String name;
        final Kind kind;
        final String domain;
        String secondDomain;
        double secondShare;
        int start;
        int end;
        double mean;
        Client main;
        Client phone;
        /** The office NAT address for people; the one fixed address of devices and services. */
        String officeIp;
        String homeIp;
        String phoneIp;
        double remote;
        double phoneDays;
        boolean identified = true;
        int server = -1;
        int vacationFrom = Integer.MAX_VALUE;
        int vacationTo = Integer.MIN_VALUE;
        int failFrom = Integer.MAX_VALUE;
        int failTo = Integer.MIN_VALUE;
        int failRate;
        int attackDay = Integer.MIN_VALUE;
        double weekendFactor = 1;
        int batchHour = -1;
        boolean monthly;
        /** Whether anything was written for the account (someone who left before sending is not in the cache). */
        boolean written;

        Account(String name, Kind kind, String domain) {
            this.name = name;
            this.kind = kind;
            this.domain = domain;
        }

        boolean bare() {
            return name.indexOf('@') < 0;
        }

        boolean legacy() {
            return main.tls().legacy() || (phone != null && phone.tls().legacy());
        }
    }

    private final long seed;
    private final Size size;
    private final int last;
    private final int first;
    private SplittableRandom rnd;
    private final List<Account> accounts = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final StringBuilder idBuffer = new StringBuilder(64);
    private DayBuffer buffer;

    public SmtpDemo(long seed, Size size) {
        this.seed = seed;
        this.size = size;
        this.last = (int) DemoGenerator.LAST_DAY.toEpochDay();
        this.first = last - size.days + 1;
    }

    /**
     * Writes the submissions and failed authentications through {@link SmtpStore.Writer} on {@code c}
     * (inside the caller's transaction), day by day; {@code progress} hears about every 30 days.
     */
    public Result write(Connection c, Consumer<String> progress) throws SQLException {
        rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
        accounts.clear();
        names.clear();
        createAccounts();
        buffer = new DayBuffer();
        long started = System.nanoTime();
        long submissions;
        long failures;
        long identified = 0;
        try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
            for (int day = first; day <= last; day++) {
                for (Account a : accounts) {
                    generate(w, a, day);
                }
                identified += buffer.size;
                buffer.writeTo(w, day);
                int done = day - first + 1;
                if (done % 30 == 0 && done < size.days) {
                    progress.accept(String.format(Locale.ROOT, "SMTP AUTH: %d of %d days, %,d submissions (%.0f s)", done, size.days,
                            w.submissionsAdded(), (System.nanoTime() - started) / 1e9));
                }
            }
            w.flush();
            submissions = w.submissionsAdded();
            failures = w.failuresAdded();
        }
        long detailRows;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM smtp_detail")) {
            rs.next();
            detailRows = rs.getLong(1);
        }
        List<Account> written = accounts.stream().filter(a -> a.written).toList();
        return new Result(written.size(), count(written, a -> a.kind == Kind.PERSON), count(written, a -> a.kind == Kind.DEVICE),
                count(written, a -> a.kind == Kind.SERVICE), count(written, Account::bare), count(written, Account::legacy),
                count(written, a -> a.start > last - 7), count(written, a -> a.attackDay != Integer.MIN_VALUE), size.domains, size.days,
                submissions, identified, failures, detailRows);
    }

    private static int count(List<Account> accounts, java.util.function.Predicate<Account> which) {
        return (int) accounts.stream().filter(which).count();
    }

    // ---------------------------------------------------------------------------------------------
    // Accounts

    private void createAccounts() {
        double[] domainWeights = new double[size.domains];
        for (int d = 0; d < domainWeights.length; d++) {
            domainWeights[d] = size.domains <= 3 ? new double[] {0.45, 0.33, 0.22}[d] : 1 / Math.pow(d + 1, 0.8);
        }
        String[][] offices = new String[size.domains][];
        int officeNo = 0;
        for (int d = 0; d < size.domains; d++) {
            offices[d] = new String[d == 0 ? 2 : d < 4 ? 1 + d % 3 : 1];
            for (int k = 0; k < offices[d].length; k++) {
                offices[d][k] = documentationIp(officeNo % 3, 10 + officeNo);
                officeNo++;
            }
        }
        for (int i = 0; i < size.people; i++) {
            int d = pick(domainWeights);
            person(DOMAINS[d], offices[d][rnd.nextInt(offices[d].length)], true);
        }
        int deviceNo = 0;
        for (int i = 0; i < size.devices; i++) {
            int d = i < size.domains ? i : pick(domainWeights);
            device(d, deviceNo++, first, rnd.nextDouble() < (size == Size.SMALL ? 0.92 : 0.8));
        }
        for (int i = 0; i < size.services; i++) {
            int d = i < SERVICE_NAMES.length ? i % size.domains : pick(domainWeights);
            service(i, d);
        }
        compromise();
        // New senders: their first submission is in the last 7 days.
        for (int k = 0; k < 2; k++) {
            Account hire = person(DOMAINS[k % size.domains], offices[k % size.domains][0], false);
            hire.start = last - (k == 0 ? 5 : 2);
            hire.vacationFrom = Integer.MAX_VALUE;
            hire.vacationTo = Integer.MIN_VALUE;
        }
        Account printer = device(2 % size.domains, deviceNo, last - 3, true);
        printer.main = LEGACY_DEVICES[3];
        Account onboarding = new Account(unique("svc-onboarding"), Kind.SERVICE, DOMAINS[0]);
        onboarding.start = last - 6;
        onboarding.end = last;
        onboarding.main = SERVICES[0];
        onboarding.officeIp = "10.0.200.77";
        onboarding.mean = 6;
        onboarding.weekendFactor = 0.2;
        onboarding.server = 0;
        accounts.add(onboarding);
    }

    private Account person(String domain, String office, boolean turnover) {
        Account a = new Account(unique(personName(domain)), Kind.PERSON, domain);
        a.start = first;
        a.end = last;
        if (turnover) {
            double t = rnd.nextDouble();
            if (t < 0.04) {
                a.start = first + 1 + rnd.nextInt(size.days - 1); // joined during the period
            } else if (t < 0.07) {
                a.end = first + rnd.nextInt(size.days - 8); // left
            }
        }
        a.mean = Math.max(0.6, Math.min(18, size.volume * Math.exp(1.3 + 0.6 * rnd.nextGaussian())));
        a.main = LAPTOPS[pick(LAPTOP_WEIGHTS)];
        a.officeIp = office;
        a.homeIp = String.format(Locale.ROOT, "2001:db8:%x:%x::%x", 0x1000 + rnd.nextInt(0xf000), rnd.nextInt(0x10000),
                1 + rnd.nextInt(0xfff));
        double r = rnd.nextDouble();
        a.remote = r < 0.4 ? 0 : r < 0.7 ? 0.2 : r < 0.9 ? 0.5 : 1;
        if (rnd.nextDouble() < 0.6) {
            a.phone = PHONES[pick(PHONE_WEIGHTS)];
            a.phoneIp = "100." + (64 + rnd.nextInt(64)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            a.phoneDays = 0.06 + 0.22 * rnd.nextDouble();
        }
        a.identified = rnd.nextDouble() >= 0.06;
        if (rnd.nextDouble() < 0.7) {
            a.vacationFrom = first + rnd.nextInt(size.days);
            a.vacationTo = a.vacationFrom + 4 + rnd.nextInt(12);
        }
        if (rnd.nextDouble() < 0.1) {
            // A phone that keeps an old password: failures below the flag's threshold for a few days.
            a.failFrom = first + rnd.nextInt(size.days - 10);
            a.failTo = Math.min(last - 8, a.failFrom + 1 + rnd.nextInt(4));
            a.failRate = 6 + rnd.nextInt(12);
        }
        accounts.add(a);
        return a;
    }

    private String personName(String domain) {
        String f = FIRST[rnd.nextInt(FIRST.length)];
        String l = LAST[rnd.nextInt(LAST.length)];
        int form = rnd.nextInt(10);
        String local = form < 6 ? f + "." + l : form < 9 ? f.charAt(0) + l : f + "." + l.charAt(0);
        return local + "@" + domain;
    }

    private Account device(int d, int no, int start, boolean legacy) {
        String kind = DEVICE_KINDS[pick(DEVICE_KIND_WEIGHTS)];
        String site = size == Size.SMALL ? new String[] {"2f", "3f", "finance", "hr", "reception", "lab", "warehouse"}[rnd.nextInt(7)]
                : "b" + (1 + rnd.nextInt(9)) + "-" + (1 + rnd.nextInt(6)) + "f";
        String base = kind + "-" + site;
        // Half of the devices log in with a bare user name, sending as device@domain.
        boolean bare = rnd.nextBoolean();
        String name = bare ? (size == Size.SMALL ? base : base + "-" + DOMAINS[d].substring(0, 4)) : base + "@" + DOMAINS[d];
        Account a = new Account(unique(name), Kind.DEVICE, DOMAINS[d]);
        a.start = start;
        a.end = last;
        a.main = legacy ? LEGACY_DEVICES[pick(LEGACY_DEVICE_WEIGHTS)] : MODERN_DEVICE;
        a.officeIp = "10." + d + "." + (10 + no / 200) + "." + (20 + no % 200);
        a.mean = Math.max(1, Math.min(20, Math.exp(1.5 + 0.6 * rnd.nextGaussian())));
        a.identified = rnd.nextBoolean();
        a.server = rnd.nextInt(2);
        a.weekendFactor = 0.1;
        if (start == first && rnd.nextDouble() < 0.15) {
            // The account's password was changed and the device not updated: it fails all day for a few days.
            a.failFrom = first + 14 + rnd.nextInt(size.days - 30);
            a.failTo = Math.min(last - 8, a.failFrom + 1 + rnd.nextInt(3));
            a.failRate = 25 + rnd.nextInt(40);
        }
        accounts.add(a);
        return a;
    }

    private void service(int i, int d) {
        String base = SERVICE_NAMES[i % SERVICE_NAMES.length];
        boolean address = ADDRESS_SERVICES.contains(base);
        String name = address ? base + "@" + DOMAINS[d]
                : i < SERVICE_NAMES.length ? base : base + "-" + DOMAINS[d].substring(0, 4) + (i / SERVICE_NAMES.length);
        Account a = new Account(unique(name), Kind.SERVICE, DOMAINS[d]);
        a.start = first;
        a.end = last;
        a.main = SERVICES[pick(SERVICE_WEIGHTS)];
        a.officeIp = "10." + d + ".200." + (10 + i % 240);
        a.server = rnd.nextInt(2);
        a.identified = rnd.nextDouble() >= 0.2;
        a.mean = Math.max(1, Math.min(600, size.volume * Math.exp(2.4 + 1.1 * rnd.nextGaussian())));
        a.weekendFactor = rnd.nextDouble() < 0.3 ? 0 : 0.3 + 0.7 * rnd.nextDouble();
        switch (base) {
            case "svc-backup" -> {
                a.mean = 3;
                a.weekendFactor = 1;
                a.batchHour = 2;
            }
            case "nagios" -> {
                a.main = NAGIOS;
                a.mean = Math.min(a.mean, 40);
                a.weekendFactor = 1;
            }
            case "svc-erp" -> {
                a.main = OLD_ERP;
                a.batchHour = 6;
            }
            case "svc-invoices" -> {
                a.monthly = true;
                a.mean = 8;
                a.weekendFactor = 0;
            }
            case "svc-mailer" -> {
                a.secondDomain = DOMAINS[(d + 1) % size.domains];
                a.secondShare = 0.3;
            }
            default -> {
                // the general service
            }
        }
        accounts.add(a);
    }

    /** Picks the accounts that get compromised: ordinary senders present through the attack. */
    private void compromise() {
        for (int before : size.attacks) {
            int day = last - before;
            for (int tries = 0; ; tries++) {
                if (tries == 1_000_000) {
                    throw new IllegalStateException("no account can be compromised " + before + " days before the last day");
                }
                Account a = accounts.get(rnd.nextInt(accounts.size()));
                if (a.kind == Kind.PERSON && a.attackDay == Integer.MIN_VALUE && a.start <= day - 20 && a.end >= last
                        && a.mean <= 15 && a.failTo < first && (a.vacationTo < day - 20 || a.vacationFrom > day + 5)) {
                    a.attackDay = day;
                    break;
                }
            }
        }
    }

    private String unique(String name) {
        String n = name;
        for (int k = 2; !names.add(n); k++) {
            int at = name.indexOf('@');
            n = at < 0 ? name + k : name.substring(0, at) + k + name.substring(at);
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------
    // One account's day

    private void generate(SmtpStore.Writer w, Account a, int day) throws SQLException {
        if (day < a.start || day > a.end) {
            return;
        }
        boolean weekend = Math.floorMod(day + 3, 7) >= 5;
        long failures = 0;
        boolean failing = day >= a.failFrom && day <= a.failTo;
        if (failing) {
            failures += Math.max(1, a.failRate + rnd.nextInt(7) - 3);
        }
        int rel = a.attackDay == Integer.MIN_VALUE ? Integer.MIN_VALUE : day - a.attackDay;
        boolean disabled = rel >= 1 && rel <= 4;
        long guessed = 0; // the password guesses before the break-in, from one address of the attacker's
        if (rel >= -3 && rel <= -1) {
            guessed = rel == -3 ? 30 + rnd.nextInt(30) : rel == -2 ? 140 + rnd.nextInt(80) : 70 + rnd.nextInt(50);
        }
        if (rel == 0 || rel == 1) {
            attack(a, rel == 0 ? 380 + rnd.nextInt(100) : 120 + rnd.nextInt(80), rel == 0 ? 14 + rnd.nextInt(4) : 11 + rnd.nextInt(3));
        }
        if (!disabled) {
            switch (a.kind) {
                case PERSON -> failures += person(w, a, day, weekend, failing);
                case DEVICE -> {
                    if (!failing && (weekend ? rnd.nextDouble() < a.weekendFactor : rnd.nextDouble() < 0.95)) {
                        int n = (int) Math.round(a.mean * (0.6 + 0.8 * rnd.nextDouble()));
                        submit(w, a, day, a.main, a.officeIp, a.domain, Math.max(1, weekend ? 1 : n), 8 * 3600, 9 * 3600);
                    }
                }
                case SERVICE -> service(w, a, day, weekend);
            }
        }
        if (guessed > 0) {
            w.addFailures(day, a.name, GUESSER_IP, guessed);
            a.written = true;
        }
        if (failures > 0) {
            w.addFailures(day, a.name, a.officeIp, failures);
            a.written = true;
        }
    }

    /** A person's day; returns failed authentications (a mistyped password now and then). */
    private long person(SmtpStore.Writer w, Account a, int day, boolean weekend, boolean phoneFailing) throws SQLException {
        if (day >= a.vacationFrom && day <= a.vacationTo) {
            return 0;
        }
        if (weekend) {
            if (rnd.nextDouble() < 0.07) {
                int n = 1 + rnd.nextInt(3);
                if (a.phone != null && !phoneFailing && rnd.nextBoolean()) {
                    submit(w, a, day, a.phone, a.phoneIp, a.domain, n, 9 * 3600, 13 * 3600);
                } else {
                    submit(w, a, day, a.main, a.homeIp, a.domain, n, 9 * 3600, 13 * 3600);
                }
            }
            return 0;
        }
        if (rnd.nextDouble() < 0.12) {
            return 0; // out of office, or simply nothing sent
        }
        double x = a.mean * Math.exp(0.5 * rnd.nextGaussian() - 0.125);
        int n = Math.max(1, Math.min((int) Math.round(x), Math.min(45, (int) (2.2 * a.mean) + 2)));
        boolean home = rnd.nextDouble() < a.remote;
        submit(w, a, day, a.main, home ? a.homeIp : a.officeIp, a.domain, n, home ? 8 * 3600 : 7 * 3600 + 1800, 10 * 3600);
        if (!home && a.remote > 0 && rnd.nextDouble() < 0.04) {
            submit(w, a, day, a.main, a.homeIp, a.domain, 1 + rnd.nextInt(2), 19 * 3600, 3 * 3600); // the evening
        }
        if (a.phone != null && !phoneFailing && rnd.nextDouble() < a.phoneDays) {
            submit(w, a, day, a.phone, a.phoneIp, a.domain, 1 + rnd.nextInt(3), 7 * 3600, 15 * 3600);
        }
        return rnd.nextInt(100) == 0 ? 1 + rnd.nextInt(4) : 0;
    }

    private void service(SmtpStore.Writer w, Account a, int day, boolean weekend) throws SQLException {
        double mean = a.mean * (weekend ? a.weekendFactor : 1);
        if (a.monthly && java.time.LocalDate.ofEpochDay(day).getDayOfMonth() == 1) {
            mean = 900; // the monthly invoice run: a volume spike with an innocent explanation
        }
        int n = (int) Math.round(mean * (0.85 + 0.3 * rnd.nextDouble()));
        if (n == 0) {
            return;
        }
        int from = a.batchHour >= 0 ? a.batchHour * 3600 : 0;
        int span = a.batchHour >= 0 ? 1800 : 86400;
        if (a.secondDomain != null) {
            int second = (int) Math.round(n * a.secondShare);
            submit(w, a, day, a.main, a.officeIp, a.secondDomain, second, from, span);
            n -= second;
        }
        submit(w, a, day, a.main, a.officeIp, a.domain, n, from, span);
    }

    /** The spam burst of a compromised account: at night, from many addresses, each with a message-id. */
    /** Where the guesses before the break-in come from (a documentation address, RFC 5737). */
    static final String GUESSER_IP = "203.0.113.66";

    private void attack(Account a, int n, int ips) {
        List<String> from = new ArrayList<>();
        while (from.size() < ips) {
            String ip = documentationIp(rnd.nextInt(3), 128 + rnd.nextInt(126));
            if (!from.contains(ip)) {
                from.add(ip);
            }
        }
        a.written = true;
        for (int i = 0; i < n; i++) {
            String ip = i < ips ? from.get(i) : from.get(rnd.nextInt(ips));
            buffer.add(1800 + rnd.nextInt(5 * 3600), a, BOT, ip, a.domain, rnd.nextInt(2));
        }
    }

    /**
     * {@code n} submissions between {@code from} and {@code from + span} seconds into the day: one by
     * one with message-ids (buffered, written in time order with the rest of the day) or as one count.
     */
    private void submit(SmtpStore.Writer w, Account a, int day, Client client, String ip, String domain, int n, int from, int span)
            throws SQLException {
        if (n <= 0) {
            return;
        }
        a.written = true;
        if (!a.identified) {
            w.addSubmission(day, null, a.name, domain, client.method(), ip, client.tls(), client.cipher(),
                    SERVERS[a.server < 0 ? rnd.nextInt(2) : a.server], null, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            int second = (from + (a.kind == Kind.PERSON ? (rnd.nextInt(span) + rnd.nextInt(span)) / 2 : rnd.nextInt(span))) % 86400;
            buffer.add(second, a, client, ip, domain, a.server < 0 ? rnd.nextInt(2) : a.server);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /**
     * An address of the documentation ranges 203.0.113.0/24, 198.51.100.0/24, 192.0.2.0/24: offices
     * use the lower half, the attackers of compromised accounts the upper.
     */
    private static String documentationIp(int net, int host) {
        return new String[] {"203.0.113.", "198.51.100.", "192.0.2."}[net] + host;
    }

    private int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String messageId(String domain) {
        long v = rnd.nextLong();
        StringBuilder sb = idBuffer;
        sb.setLength(0);
        sb.append('<');
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(Character.forDigit((int) (v >>> shift) & 0xf, 16));
        }
        return sb.append('@').append(domain).append('>').toString();
    }

    /** One day's submissions with message-ids, written in time order as a log gives them. */
    private final class DayBuffer {
        int size;
        int[] second = new int[1 << 14];
        Account[] account = new Account[1 << 14];
        Client[] client = new Client[1 << 14];
        String[] ip = new String[1 << 14];
        String[] domain = new String[1 << 14];
        byte[] server = new byte[1 << 14];
        long[] order = new long[1 << 14];

        void add(int sec, Account a, Client c, String address, String dom, int srv) {
            if (size == second.length) {
                int cap = size * 2;
                second = Arrays.copyOf(second, cap);
                account = Arrays.copyOf(account, cap);
                client = Arrays.copyOf(client, cap);
                ip = Arrays.copyOf(ip, cap);
                domain = Arrays.copyOf(domain, cap);
                server = Arrays.copyOf(server, cap);
                order = new long[cap];
            }
            second[size] = sec;
            account[size] = a;
            client[size] = c;
            ip[size] = address;
            domain[size] = dom;
            server[size] = (byte) srv;
            size++;
        }

        void writeTo(SmtpStore.Writer w, int day) throws SQLException {
            for (int i = 0; i < size; i++) {
                order[i] = ((long) second[i] << 32) | i;
            }
            Arrays.sort(order, 0, size);
            long midnight = day * 86400L;
            for (int k = 0; k < size; k++) {
                int i = (int) order[k];
                Client c = client[i];
                w.addSubmission(day, midnight + second[i], account[i].name, domain[i], c.method(), ip[i], c.tls(), c.cipher(),
                        SERVERS[server[i]], messageId(domain[i]), 1);
            }
            Arrays.fill(account, 0, size, null);
            size = 0;
        }
    }
}
