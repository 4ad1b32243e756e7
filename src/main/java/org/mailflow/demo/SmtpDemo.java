package org.mailflow.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * SMTP AUTH demo data: the accounts of a few organisations in one country (Germany) submitting mail
 * through two servers ({@code smtp1}, {@code smtp2}) over a number of days ending on
 * {@link DemoGenerator#LAST_DAY}, deterministic per seed. The kinds of senders an administrator meets:
 * <ul>
 * <li>people, nearly all on OAuth ({@code XOAUTH2} over TLS 1.2/1.3) from laptops and phones, with a
 * few stragglers still on {@code LOGIN} or {@code PLAIN} from an old mail client; sending on weekdays
 * from the office, from home and sometimes from a phone, with holidays, a few joiners and leavers, and
 * the odd mistyped password;</li>
 * <li>the Basic-auth tail: printers, scanners, MFPs and other devices on TLS 1.0/1.1 or no TLS at all
 * (PLAIN or LOGIN, one fixed internal IP, a steady weekday cadence), some of them failing for a few
 * days after a password change;</li>
 * <li>service accounts and line-of-business applications, mostly with bare SASL user names
 * ({@code svc-backup}) whose domain is the envelope sender's, sending every day from one server,
 * mostly with a password (a quarter of them moved to OAuth); one sends for two domains, one sends its
 * monthly invoices in one burst, two are legacy applications;</li>
 * <li>the story of the last days: {@value #SPRAY_DAYS_BEFORE_LAST} days before the last day, at
 * night, one address of a hosting network abroad fails to sign in as a dozen or more people of the
 * first organisation (a password spray), then signs in as one of them with {@code LOGIN} and sends
 * hundreds of spam messages with many recipients each, from that address and a few more of the same
 * network; the person had sent from home the evening before and sends from the office that morning
 * (so: sprayed-ip, new-country, impossible-travel, basic-auth and volume-spike);</li>
 * <li>other accounts that look compromised: a run of failed authentications (more than 20 a day) from a
 * hosting network abroad, then hundreds of submissions at night from many residential addresses
 * abroad, then nothing for a few days (the account was disabled);</li>
 * <li>a traveller of the first organisation who flies to Spain in the last days and sends from a
 * hotel there, as on an earlier trip two months before (no new country, no impossible journey);</li>
 * <li>new senders whose first submission is in the last 7 days (new hires, a new printer on legacy TLS,
 * a new service).</li>
 * </ul>
 * Most submissions come with a message-id, a time and their number of recipients, written one by one
 * in time order as a log import would write them; the rest (some devices, services and people) come
 * as per-day counts without them, as an aggregated report gives them.
 *
 * <p>Names are fictitious ({@code .example} domains). For the Client IPs pivot, the map and the place
 * flags to have something to show, the public addresses are taken from real ranges, chosen because
 * their country and network in public IP databases have been stable for years: offices on Deutsche
 * Telekom business lines; homes on Deutsche Telekom, Vodafone and Telefónica Germany; phones on
 * Deutsche Telekom and Vodafone mobile; the traveller's hotels on Telefónica de España; the password
 * spray on a US range of Akamai (Linode); the other attacks from OVH (Canada) and Hetzner (Finland)
 * and from residential networks in Vietnam, India, Indonesia, Turkey and Egypt. They are only labels:
 * no traffic to or from them is implied. Devices and services use private addresses (10.0.0.0/8).
 */
public final class SmtpDemo {
    /** How much data; the numbers are accounts of each kind besides the new senders. */
    public enum Size {
        SMALL(120, 3, 266, 11, 18, 0.7, new int[] {SPRAY_DAYS_BEFORE_LAST, 5}, 11),
        LARGE(180, 12, 19_400, 620, 300, 1.0, new int[] {SPRAY_DAYS_BEFORE_LAST, 19, 44, 80, 115, 140}, 23);

        private final int days;
        private final int domains;
        private final int people;
        private final int devices;
        private final int services;
        /** Scales the daily volume of people and services (a small office sends less). */
        private final double volume;
        /**
         * Days before the last day on which a compromised account sends its spam burst; the first is
         * the password spray, the others a run of guesses for one account.
         */
        private final int[] attacks;
        /** People the spray fails for besides the one it breaks into. */
        private final int sprayed;

        Size(int days, int domains, int people, int devices, int services, double volume, int[] attacks, int sprayed) {
            this.days = days;
            this.volume = volume;
            this.domains = domains;
            this.people = people;
            this.devices = devices;
            this.services = services;
            this.attacks = attacks;
            this.sprayed = sprayed;
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

    /**
     * The accounts and addresses of the story, as written: the account broken into after the password
     * spray, the spraying address and its day, the people it failed for (the victim among them), the
     * traveller with the days and hotel addresses of the trips, and every person written.
     */
    record Story(String victim, String sprayIp, LocalDate sprayDay, List<String> sprayed, String traveller, List<Trip> trips,
                 List<String> people) {
    }

    /** A trip abroad: from the day of the flight out to the day of the flight back, sending from one hotel. */
    record Trip(LocalDate from, LocalDate to, String hotelIp) {
    }

    /** The password spray: days before the last day (a Monday; data ends on a Thursday). */
    static final int SPRAY_DAYS_BEFORE_LAST = 3;
    /** The address of the password spray: Akamai (Linode), AS63949, US. */
    static final String SPRAY_IP = "45.33.90.17";
    /** The spam after the spray also comes from these addresses of the same network. */
    private static final String[] SPRAY_NETWORK = {"45.33.90.44", "45.33.91.130", "45.33.88.211"};
    /** Days before the last day of the traveller's trips: the one in the last days, and the earlier one. */
    static final int TRIP_DAYS_BEFORE_LAST = 3;
    static final int EARLIER_TRIP_DAYS_BEFORE_LAST = 66;
    /** The hotels of the trips (Telefónica de España, AS3352): the recent trip's and the earlier one's. */
    private static final String[] HOTELS = {"80.24.173.58", "83.47.212.9"};

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
    /** Device kinds that mail what they scanned or received to one person. */
    private static final Set<String> SCANNERS = Set.of("mfp", "scanner", "scan2mail", "fax");
    private static final String[] SERVICE_NAMES = {"svc-backup", "svc-crm", "svc-erp", "svc-helpdesk", "svc-monitoring",
        "svc-hr-portal", "svc-payroll", "svc-invoices", "svc-reports", "jenkins", "nagios", "svc-sharepoint", "svc-ticketing",
        "svc-mailer", "noreply", "notifications", "billing", "alerts"};
    /** Service names that are addresses (a mailbox of the domain) rather than bare SASL users. */
    private static final Set<String> ADDRESS_SERVICES = Set.of("noreply", "notifications", "billing", "alerts");

    // Public networks (see the class comment): {first address, prefix length}, IPv4 as an int.
    /** Deutsche Telekom business lines (AS3320): one small block per office, its NAT addresses. */
    private static final int[] OFFICE_BLOCKS = {v4(217, 6, 0, 0), v4(62, 153, 0, 0), v4(194, 25, 0, 0), v4(80, 146, 0, 0),
        v4(217, 5, 0, 0)};
    /** Home lines: Deutsche Telekom (AS3320), Vodafone cable (AS3209), Telefónica Germany (AS6805). */
    private static final int[][] HOME_V4 = {{v4(79, 192, 0, 0), 10}, {v4(91, 0, 0, 0), 10}, {v4(87, 128, 0, 0), 10},
        {v4(93, 192, 0, 0), 10}, {v4(84, 128, 0, 0), 10}, {v4(95, 88, 0, 0), 14}, {v4(178, 0, 0, 0), 12}, {v4(88, 64, 0, 0), 12},
        {v4(77, 176, 0, 0), 12}};
    private static final double[] HOME_V4_WEIGHTS = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.1, 0.15};
    /** Mobile networks: Deutsche Telekom (80.187.0.0/16) and Vodafone (109.40.0.0/13). */
    private static final int[][] MOBILE_V4 = {{v4(80, 187, 0, 0), 16}, {v4(109, 40, 0, 0), 13}};
    /** Where the other attacks guess passwords from: OVH (AS16276, Canada), Hetzner (AS24940, Finland). */
    private static final int[][] GUESSERS = {{v4(158, 69, 0, 0), 16}, {v4(65, 21, 0, 0), 16}};
    /**
     * The residential networks abroad that the other attacks send their spam from: VNPT and Viettel
     * (Vietnam), Reliance Jio (India), Telkom Indonesia, Türk Telekom, TE Data (Egypt).
     */
    private static final int[][] BOTNET = {{v4(14, 160, 0, 0), 11}, {v4(113, 160, 0, 0), 11}, {v4(117, 0, 0, 0), 13},
        {v4(49, 36, 0, 0), 14}, {v4(36, 64, 0, 0), 11}, {v4(78, 160, 0, 0), 11}, {v4(41, 32, 0, 0), 12}};
    /** People per office NAT address: a large office has a pool of addresses. */
    private static final int PEOPLE_PER_OFFICE_IP = 100;

    // Clients: auth method, TLS version and an OpenSSL cipher name of that version.
    private static final Client[] LAPTOPS = {
        new Client("XOAUTH2", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384"),
        new Client("XOAUTH2", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384"),
        new Client("LOGIN", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384"),
        new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES128-GCM-SHA256"),
        new Client("PLAIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384")};
    /** Nine in ten on OAuth; the rest an old mail client that still signs in with the password. */
    private static final double[] LAPTOP_WEIGHTS = {0.62, 0.29, 0.03, 0.04, 0.02};
    private static final Client[] PHONES = {
        new Client("XOAUTH2", TlsVersion.TLS1_3, "TLS_AES_128_GCM_SHA256"),
        new Client("LOGIN", TlsVersion.TLS1_3, "TLS_CHACHA20_POLY1305_SHA256"),
        new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-CHACHA20-POLY1305")};
    private static final double[] PHONE_WEIGHTS = {0.93, 0.04, 0.03};
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
        new Client("PLAIN", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384"),
        new Client("XOAUTH2", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384")};
    private static final double[] SERVICE_WEIGHTS = {0.35, 0.25, 0.15, 0.25};
    private static final Client NAGIOS = new Client("PLAIN", TlsVersion.NONE, "");
    private static final Client OLD_ERP = new Client("LOGIN", TlsVersion.TLS1_0, "ECDHE-RSA-AES256-SHA");
    /** What the spam tool of a compromised account negotiates: a password sign-in. */
    private static final Client BOT = new Client("LOGIN", TlsVersion.TLS1_2, "ECDHE-RSA-AES128-GCM-SHA256");

    private record Client(String method, TlsVersion tls, String cipher) {
        boolean oauth() {
            return method.equals("XOAUTH2");
        }
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
        /** Whether the attack is the password spray (else a run of guesses for this account alone). */
        boolean sprayed;
        /** Where an attack other than the spray guesses from, and the networks its spam comes from. */
        String guesserIp;
        int[][] botnet;
        /** The traveller's trips: {first day, last day} with the hotel's address. */
        int[][] trips;
        String[] hotels;
        /** Recipients per message (people draw theirs from a fixed mix instead). */
        int rcptMin = 1;
        int rcptMax = 1;
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
    /** Per client IP, the accounts that failed from it today (ordinary failures only). */
    private final Map<String, Integer> failingToday = new HashMap<>();
    private DayBuffer buffer;
    private Account victim;
    private Account traveller;
    private final List<Account> sprayTargets = new ArrayList<>();

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
        sprayTargets.clear();
        victim = null;
        traveller = null;
        createAccounts();
        buffer = new DayBuffer();
        long started = System.nanoTime();
        long submissions;
        long failures;
        long identified = 0;
        try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
            for (int day = first; day <= last; day++) {
                failingToday.clear();
                if (victim != null && day == victim.attackDay) {
                    spray(w, day);
                }
                for (Account a : accounts) {
                    generate(w, a, day);
                }
                identified += buffer.size;
                buffer.writeTo(w, day);
                int done = day - first + 1;
                if (done % 30 == 0 && done < size.days) {
                    progress.accept(org.mailflow.model.UserText.of("demo.progress.smtp", done, size.days,
                            w.submissionsAdded(), (System.nanoTime() - started) / 1e9).toString());
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

    /** The story's accounts and addresses; after {@link #write}. */
    Story story() {
        List<Trip> trips = new ArrayList<>();
        for (int k = 0; k < traveller.trips.length; k++) {
            trips.add(new Trip(LocalDate.ofEpochDay(traveller.trips[k][0]), LocalDate.ofEpochDay(traveller.trips[k][1]),
                    traveller.hotels[k]));
        }
        return new Story(victim.name, SPRAY_IP, LocalDate.ofEpochDay(victim.attackDay), sprayTargets.stream().map(a -> a.name).sorted()
                .toList(), traveller.name, trips, accounts.stream().filter(a -> a.written && a.kind == Kind.PERSON).map(a -> a.name)
                .toList());
    }

    private static int count(List<Account> accounts, java.util.function.Predicate<Account> which) {
        return (int) accounts.stream().filter(which).count();
    }

    // ---------------------------------------------------------------------------------------------
    // Accounts

    private void createAccounts() {
        double[] domainWeights = new double[size.domains];
        double totalWeight = 0;
        for (int d = 0; d < domainWeights.length; d++) {
            domainWeights[d] = size.domains <= 3 ? new double[] {0.45, 0.33, 0.22}[d] : 1 / Math.pow(d + 1, 0.8);
            totalWeight += domainWeights[d];
        }
        String[][][] offices = new String[size.domains][][];
        int officeNo = 0;
        for (int d = 0; d < size.domains; d++) {
            offices[d] = new String[d == 0 ? 2 : d < 4 ? 1 + d % 3 : 1][];
            double people = size.people * domainWeights[d] / totalWeight / offices[d].length;
            for (int k = 0; k < offices[d].length; k++) {
                offices[d][k] = officePool(officeNo++, (int) Math.ceil(people / PEOPLE_PER_OFFICE_IP));
            }
        }
        for (int i = 0; i < size.people; i++) {
            int d = pick(domainWeights);
            String[] pool = offices[d][rnd.nextInt(offices[d].length)];
            person(DOMAINS[d], pool[rnd.nextInt(pool.length)], true);
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
        travel();
        // New senders: their first submission is in the last 7 days.
        for (int k = 0; k < 2; k++) {
            Account hire = person(DOMAINS[k % size.domains], offices[k % size.domains][0][0], false);
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
        onboarding.rcptMax = 2;
        accounts.add(onboarding);
    }

    /** The NAT addresses of office {@code no}: {@code n} consecutive addresses of a business block. */
    private static String[] officePool(int no, int n) {
        int count = Math.max(1, Math.min(28, n));
        int base = OFFICE_BLOCKS[no % OFFICE_BLOCKS.length] + (((16 + no * 37) % 224) << 8) + 32 * (1 + no % 6);
        String[] pool = new String[count];
        for (int k = 0; k < count; k++) {
            pool[k] = ipv4(base + 1 + k);
        }
        return pool;
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
        a.homeIp = homeIp();
        double r = rnd.nextDouble();
        a.remote = r < 0.4 ? 0 : r < 0.7 ? 0.2 : r < 0.9 ? 0.5 : 1;
        if (rnd.nextDouble() < 0.6) {
            a.phone = PHONES[pick(PHONE_WEIGHTS)];
            a.phoneIp = mobileIp();
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

    /** A home line: a third on IPv6 (Deutsche Telekom 2003:c0::/26, Vodafone 2a02:8100::/27), the rest IPv4. */
    private String homeIp() {
        if (rnd.nextDouble() < 0.35) {
            boolean telekom = rnd.nextDouble() < 0.6;
            return String.format(Locale.ROOT, "%s:%x:%x:%x00:%x:%x:%x:%x", telekom ? "2003" : "2a02",
                    telekom ? 0xc0 + rnd.nextInt(0x40) : 0x8100 + rnd.nextInt(0x20), rnd.nextInt(0x10000), rnd.nextInt(0x100),
                    rnd.nextInt(0x10000), rnd.nextInt(0x10000), rnd.nextInt(0x10000), 1 + rnd.nextInt(0xffff));
        }
        return randomIn(HOME_V4[pick(HOME_V4_WEIGHTS)]);
    }

    /** A phone's mobile network: Deutsche Telekom over IPv6 (2a01:598::/32) or IPv4, or Vodafone. */
    private String mobileIp() {
        double x = rnd.nextDouble();
        if (x < 0.3) {
            return String.format(Locale.ROOT, "2a01:598:%x:%x:%x:%x:%x:%x", 0x8000 + rnd.nextInt(0x8000), rnd.nextInt(0x10000),
                    rnd.nextInt(0x10000), rnd.nextInt(0x10000), rnd.nextInt(0x10000), 1 + rnd.nextInt(0xffff));
        }
        return randomIn(MOBILE_V4[x < 0.7 ? 0 : 1]);
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
        a.rcptMax = SCANNERS.contains(kind) ? 1 : kind.equals("printer") ? 2 : 3;
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
        a.rcptMax = 3;
        switch (base) {
            case "svc-backup" -> {
                a.mean = 3;
                a.weekendFactor = 1;
                a.batchHour = 2;
                a.rcptMax = 2;
            }
            case "nagios", "svc-monitoring", "alerts" -> {
                if (base.equals("nagios")) {
                    a.main = NAGIOS;
                    a.mean = Math.min(a.mean, 40);
                    a.weekendFactor = 1;
                }
                a.rcptMax = 4;
            }
            case "svc-erp" -> {
                a.main = OLD_ERP;
                a.batchHour = 6;
            }
            case "svc-invoices" -> {
                a.monthly = true;
                a.mean = 8;
                a.weekendFactor = 0;
                a.rcptMax = 1;
            }
            case "svc-mailer" -> {
                // the newsletters: one message to a list of recipients
                a.secondDomain = DOMAINS[(d + 1) % size.domains];
                a.secondShare = 0.3;
                a.rcptMin = 10;
                a.rcptMax = 80;
            }
            case "svc-reports" -> {
                a.rcptMin = 2;
                a.rcptMax = 6;
            }
            case "noreply", "notifications", "billing" -> a.rcptMax = 1;
            default -> {
                // the general service
            }
        }
        accounts.add(a);
    }

    /**
     * Picks the accounts that get compromised: ordinary senders present through the attack. The
     * password spray's victim is a person of the first organisation with months of history who
     * signs in with OAuth and works from the office.
     */
    private void compromise() {
        for (int k = 0; k < size.attacks.length; k++) {
            int day = last - size.attacks[k];
            boolean spray = k == 0;
            for (int tries = 0; ; tries++) {
                if (tries == 1_000_000) {
                    throw new IllegalStateException("no account can be compromised " + size.attacks[k] + " days before the last day");
                }
                Account a = accounts.get(rnd.nextInt(accounts.size()));
                if (a.kind == Kind.PERSON && a.attackDay == Integer.MIN_VALUE && a.start <= day - 20 && a.end >= last
                        && a.mean <= 15 && a.failTo < first && (a.vacationTo < day - 20 || a.vacationFrom > day + 5)
                        && (!spray || a.domain.equals(DOMAINS[0]) && a.start <= day - 60 && a.identified && a.remote <= 0.2
                        && a.main.oauth() && (a.phone == null || a.phone.oauth()))) {
                    a.attackDay = day;
                    a.sprayed = spray;
                    if (spray) {
                        victim = a;
                    } else {
                        a.guesserIp = randomIn(GUESSERS[rnd.nextInt(GUESSERS.length)]);
                        int from = rnd.nextInt(BOTNET.length);
                        a.botnet = new int[][] {BOTNET[from], BOTNET[(from + 1 + rnd.nextInt(BOTNET.length - 1)) % BOTNET.length]};
                    }
                    break;
                }
            }
        }
        // The spray fails for people of the victim's organisation who are there that day, the victim among them.
        int day = victim.attackDay;
        List<Account> candidates = new ArrayList<>(accounts.stream().filter(a -> a.kind == Kind.PERSON && a != victim
                && a.domain.equals(victim.domain) && a.start <= day && a.end >= day && a.attackDay == Integer.MIN_VALUE).toList());
        sprayTargets.add(victim);
        for (int k = 0; k < size.sprayed; k++) {
            sprayTargets.add(candidates.remove(rnd.nextInt(candidates.size())));
        }
    }

    /**
     * Picks the traveller: a person of the first organisation on OAuth who writes a few mails a day,
     * there all along and not on holiday during the trips, who flies to Spain in the last days as two months before.
     */
    private void travel() {
        int[][] trips = {{last - TRIP_DAYS_BEFORE_LAST, last}, {last - EARLIER_TRIP_DAYS_BEFORE_LAST,
            last - EARLIER_TRIP_DAYS_BEFORE_LAST + 3}};
        for (int tries = 0; ; tries++) {
            if (tries == 1_000_000) {
                throw new IllegalStateException("no traveller");
            }
            Account a = accounts.get(rnd.nextInt(accounts.size()));
            if (a.kind == Kind.PERSON && a.domain.equals(DOMAINS[0]) && a.attackDay == Integer.MIN_VALUE && a.start == first
                    && a.end == last && a.identified && a.remote < 1 && a.mean >= 3 && a.main.oauth()
                    && (a.phone == null || a.phone.oauth()) && a.failTo < first && !sprayTargets.contains(a)
                    && !overlaps(a, trips[0]) && !overlaps(a, trips[1])) {
                a.trips = trips;
                a.hotels = HOTELS;
                traveller = a;
                return;
            }
        }
    }

    private static boolean overlaps(Account a, int[] trip) {
        return a.vacationFrom <= trip[1] + 1 && a.vacationTo >= trip[0] - 1;
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
        int rel = a.attackDay == Integer.MIN_VALUE ? Integer.MIN_VALUE : day - a.attackDay;
        boolean disabled = !a.sprayed && rel >= 1 && rel <= 4;
        long guessed = 0; // the password guesses before the break-in, from one address of the attacker's
        if (!a.sprayed && rel >= -3 && rel <= -1) {
            guessed = rel == -3 ? 30 + rnd.nextInt(30) : rel == -2 ? 140 + rnd.nextInt(80) : 70 + rnd.nextInt(50);
        }
        if (a.sprayed && rel == 0) {
            breakIn(a);
        } else if (!a.sprayed && (rel == 0 || rel == 1)) {
            attack(a, rel == 0 ? 380 + rnd.nextInt(100) : 120 + rnd.nextInt(80), rel == 0 ? 14 + rnd.nextInt(4) : 11 + rnd.nextInt(3));
        }
        if (!disabled) {
            switch (a.kind) {
                case PERSON -> person(w, a, day, weekend);
                case DEVICE -> {
                    boolean failing = day >= a.failFrom && day <= a.failTo;
                    if (failing) {
                        failures(w, day, a, a.officeIp, Math.max(1, a.failRate + rnd.nextInt(7) - 3));
                    } else if (weekend ? rnd.nextDouble() < a.weekendFactor : rnd.nextDouble() < 0.95) {
                        int n = (int) Math.round(a.mean * (0.6 + 0.8 * rnd.nextDouble()));
                        submit(w, a, day, a.main, a.officeIp, a.domain, Math.max(1, weekend ? 1 : n), 8 * 3600, 9 * 3600);
                    }
                }
                case SERVICE -> service(w, a, day, weekend);
            }
        }
        if (guessed > 0) {
            w.addFailures(day, a.name, a.guesserIp, guessed);
            a.written = true;
        }
        if (a.sprayed && rel == 1) {
            // the next night the attacker tries again, but the password has been changed
            w.addFailures(day, a.name, SPRAY_IP, 4 + rnd.nextInt(5));
        }
    }

    /** Ordinary failed sign-ins, never so many accounts from one address in a day that it looks like a spray. */
    private void failures(SmtpStore.Writer w, int day, Account a, String ip, long count) throws SQLException {
        if (failingToday.merge(ip, 1, Integer::sum) < UnusualActivity.SPRAY_ACCOUNTS) {
            w.addFailures(day, a.name, ip, count);
            a.written = true;
        }
    }

    /** A person's day: submissions, and failed sign-ins (a mistyped password now and then, a phone with an old one). */
    private void person(SmtpStore.Writer w, Account a, int day, boolean weekend) throws SQLException {
        if (a.trips != null) {
            for (int k = 0; k < a.trips.length; k++) {
                if (day >= a.trips[k][0] && day <= a.trips[k][1]) {
                    trip(w, a, day, a.trips[k], a.hotels[k]);
                    return;
                }
            }
        }
        if (day >= a.vacationFrom && day <= a.vacationTo) {
            return;
        }
        boolean phoneFailing = day >= a.failFrom && day <= a.failTo;
        if (phoneFailing && a.phone != null) {
            failures(w, day, a, a.phoneIp, Math.max(1, a.failRate + rnd.nextInt(7) - 3));
        }
        boolean brokenInto = a.sprayed && day == a.attackDay;
        if (a.sprayed && day == a.attackDay - 1) {
            submit(w, a, day, a.main, a.homeIp, a.domain, 1 + rnd.nextInt(2), 20 * 3600, 1800); // the evening before, from home
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
            return;
        }
        if (rnd.nextDouble() < 0.12 && !brokenInto) {
            return; // out of office, or simply nothing sent
        }
        double x = a.mean * Math.exp(0.5 * rnd.nextGaussian() - 0.125);
        int n = Math.max(1, Math.min((int) Math.round(x), Math.min(45, (int) (2.2 * a.mean) + 2)));
        boolean home = rnd.nextDouble() < a.remote && !brokenInto;
        if (brokenInto) {
            submit(w, a, day, a.main, a.officeIp, a.domain, 1, 7 * 3600 + 2100, 600); // at the desk early that morning
        }
        submit(w, a, day, a.main, home ? a.homeIp : a.officeIp, a.domain, n, home ? 8 * 3600 : 7 * 3600 + 1800, 10 * 3600);
        if (!home && a.remote > 0 && rnd.nextDouble() < 0.04) {
            submit(w, a, day, a.main, a.homeIp, a.domain, 1 + rnd.nextInt(2), 19 * 3600, 3 * 3600); // the evening
        }
        if (a.phone != null && !phoneFailing && rnd.nextDouble() < a.phoneDays) {
            submit(w, a, day, a.phone, a.phoneIp, a.domain, 1 + rnd.nextInt(3), 7 * 3600, 15 * 3600);
        }
        if (rnd.nextInt(100) == 0) {
            failures(w, day, a, home ? a.homeIp : a.officeIp, 1 + rnd.nextInt(4));
        }
    }

    /**
     * A day of a trip: the office in the morning and the hotel from the evening on the way out, the
     * hotel all day in between, the hotel early in the morning and home in the evening on the way
     * back; the phone on the hotel's network too. Hours apart, so never an impossible journey.
     */
    private void trip(SmtpStore.Writer w, Account a, int day, int[] trip, String hotel) throws SQLException {
        boolean out = day == trip[0];
        boolean back = day == trip[1];
        if (out) {
            submit(w, a, day, a.main, a.officeIp, a.domain, 2 + rnd.nextInt(3), 7 * 3600, 3 * 3600);
        }
        if (back) {
            submit(w, a, day, a.main, hotel, a.domain, 1 + rnd.nextInt(2), 5 * 3600 + 1800, 1800);
            submit(w, a, day, a.main, a.homeIp, a.domain, 1 + rnd.nextInt(2), 18 * 3600 + 1800, 2 * 3600);
        } else {
            int n = (int) Math.max(1, Math.round(a.mean * (out ? 0.5 : 1) * (0.7 + 0.6 * rnd.nextDouble())));
            submit(w, a, day, a.main, hotel, a.domain, n, out ? 17 * 3600 : 6 * 3600 + 1800, out ? 4 * 3600 : 14 * 3600);
            if (a.phone != null && !out) {
                submit(w, a, day, a.phone, hotel, a.domain, 1 + rnd.nextInt(2), 8 * 3600, 12 * 3600);
            }
        }
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

    /**
     * The password spray: at night one address of a hosting network abroad fails to sign in as
     * the people of the victim's organisation (one to three tries each, the victim's first), and as
     * names that are no account (unnamed).
     */
    private void spray(SmtpStore.Writer w, int day) throws SQLException {
        for (Account a : sprayTargets) {
            w.addFailures(day, a.name, SPRAY_IP, a == victim ? 1 : 1 + rnd.nextInt(3));
            a.written = true;
        }
        w.addFailures(day, "", SPRAY_IP, 20 + rnd.nextInt(25));
    }

    /**
     * After the spray, the same address signs in as the victim with the password and sends spam
     * until the morning, from that address and a few more of the same network, with many
     * recipients each.
     */
    private void breakIn(Account a) {
        a.written = true;
        int at = 3600 + 720 + rnd.nextInt(300); // about 01:15 UTC, 02:15 at home
        buffer.add(at, a, BOT, SPRAY_IP, a.domain, 0, 1); // a test message to the attacker's own address
        int n = 380 + rnd.nextInt(100);
        int end = 6 * 3600 + 900;
        for (int i = 0; i < n; i++) {
            String ip = rnd.nextDouble() < 0.6 ? SPRAY_IP : SPRAY_NETWORK[rnd.nextInt(SPRAY_NETWORK.length)];
            buffer.add(at + 60 + rnd.nextInt(end - at - 60), a, BOT, ip, a.domain, rnd.nextInt(2), 20 + rnd.nextInt(31));
        }
    }

    /** The spam burst of another compromised account: at night, from many residential addresses abroad. */
    private void attack(Account a, int n, int ips) {
        List<String> from = new ArrayList<>();
        while (from.size() < ips) {
            String ip = randomIn(a.botnet[rnd.nextInt(a.botnet.length)]);
            if (!from.contains(ip)) {
                from.add(ip);
            }
        }
        a.written = true;
        for (int i = 0; i < n; i++) {
            String ip = i < ips ? from.get(i) : from.get(rnd.nextInt(ips));
            buffer.add(1800 + rnd.nextInt(5 * 3600), a, BOT, ip, a.domain, rnd.nextInt(2), 20 + rnd.nextInt(31));
        }
    }

    /**
     * {@code n} submissions between {@code from} and {@code from + span} seconds into the day: one by
     * one with message-ids, times and recipients (buffered, written in time order with the rest of the
     * day) or as one count without them.
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
            buffer.add(second, a, client, ip, domain, a.server < 0 ? rnd.nextInt(2) : a.server, recipients(a));
        }
    }

    /** The recipients of one message: people mostly write to one to three. */
    private int recipients(Account a) {
        if (a.kind == Kind.PERSON) {
            int x = rnd.nextInt(100);
            return x < 58 ? 1 : x < 82 ? 2 : x < 95 ? 3 : 4 + rnd.nextInt(9);
        }
        return a.rcptMin == a.rcptMax ? a.rcptMin : a.rcptMin + rnd.nextInt(a.rcptMax - a.rcptMin + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private static int v4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    private static String ipv4(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** A host address (last byte 1 to 254) of the network {first address, prefix length}. */
    private String randomIn(int[] net) {
        int hosts = 1 << (32 - net[1]);
        int v = net[0] + rnd.nextInt(hosts);
        return ipv4((v & ~0xff) | (1 + rnd.nextInt(254)));
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
        int[] recipients = new int[1 << 14];
        long[] order = new long[1 << 14];

        void add(int sec, Account a, Client c, String address, String dom, int srv, int rcpt) {
            if (size == second.length) {
                int cap = size * 2;
                second = Arrays.copyOf(second, cap);
                account = Arrays.copyOf(account, cap);
                client = Arrays.copyOf(client, cap);
                ip = Arrays.copyOf(ip, cap);
                domain = Arrays.copyOf(domain, cap);
                server = Arrays.copyOf(server, cap);
                recipients = Arrays.copyOf(recipients, cap);
                order = new long[cap];
            }
            second[size] = sec;
            account[size] = a;
            client[size] = c;
            ip[size] = address;
            domain[size] = dom;
            server[size] = (byte) srv;
            recipients[size] = rcpt;
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
                        SERVERS[server[i]], messageId(domain[i]), 1, recipients[i]);
            }
            Arrays.fill(account, 0, size, null);
            size = 0;
        }
    }
}
