package io.switchboard.emulator;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills a tenant with a realistic, messy directory, reproducibly from a seed: members and guests, disabled accounts,
 * shared and room mailboxes, non-ASCII names, missing given names or surnames, e-mail addresses repeated in other
 * letter case, phone numbers in many formats, numeric and invalid {@code employeeId} and extension attributes, the
 * four group kinds plus dynamic groups, nested groups, an "All Staff" group with every member, an administrator in
 * more than 63 groups, and creation dates spread over a decade.
 */
public final class TenantGenerator {

    private static final String[] FIRST = {
        "James",
        "Mary",
        "Robert",
        "Patricia",
        "John",
        "Jennifer",
        "Michael",
        "Linda",
        "David",
        "Elizabeth",
        "William",
        "Barbara",
        "Richard",
        "Susan",
        "Joseph",
        "Jessica",
        "Thomas",
        "Sarah",
        "Daniel",
        "Karen",
        "Matthew",
        "Lisa",
        "Jürgen",
        "Björn",
        "Søren",
        "Zoë",
        "Chloé",
        "Hélène",
        "José",
        "María",
        "Ángel",
        "Łukasz",
        "Anaïs",
        "François",
        "Renée",
        "Ümit",
        "Siobhán",
        "Zoltán",
        "Dagný",
        "Aleksandr",
        "Priya",
        "Arjun",
        "Fatima",
        "Omar",
        "Kwame"
    };
    private static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Müller", "Schröder", "Weiß", "Lefèvre", "Núñez", "Gonçalves", "O'Brien", "van der Berg", "Kowalski", "Dvořák",
        "Nguyễn", "Østergaard", "Çelik", "Sánchez-Villa", "MacDonald", "Patel", "Okafor", "Haddad", "Lindqvist"
    };
    private static final String[][] CHINESE_SURNAMES = {
        {"王", "wang"},
        {"李", "li"},
        {"张", "zhang"},
        {"刘", "liu"},
        {"陈", "chen"},
        {"杨", "yang"},
        {"黄", "huang"},
        {"赵", "zhao"},
        {"吴", "wu"},
        {"周", "zhou"}
    };
    private static final String[][] CHINESE_GIVEN = {
        {"伟", "wei"},
        {"芳", "fang"},
        {"娜", "na"},
        {"秀英", "xiuying"},
        {"敏", "min"},
        {"静", "jing"},
        {"丽", "li"},
        {"强", "qiang"},
        {"磊", "lei"},
        {"军", "jun"}
    };
    private static final String[] TITLES = {
        "Sales Representative",
        "Account Manager",
        "Software Engineer",
        "Senior Software Engineer",
        "Support Engineer",
        "Receptionist",
        "HR Generalist",
        "Controller",
        "Marketing Specialist",
        "Team Lead",
        "Director of Operations",
        "Intern",
        "CEO",
        "Werkstudent",
        "Chargé de clientèle",
        "客户经理"
    };
    private static final String[] DEPARTMENTS = {
        "Sales", "Engineering", "Support", "Finance", "HR", "Marketing", "Operations", "Legal", "Vertrieb", "研发部"
    };
    private static final String[] OFFICES = {"Seattle", "Berlin", "Paris", "Shanghai", "London", "Remote", "18/2111"};
    private static final String[] LANGUAGES = {"en-US", "en-GB", "de-DE", "fr-FR", "zh-CN", "es-ES"};
    private static final String[] GUEST_DOMAINS = {"gmail.com", "outlook.com", "partner.example", "fabrikam.com"};
    private static final String[] GROUP_WORDS = {
        "Sales",
        "Support",
        "Engineering",
        "Finance",
        "HR",
        "Marketing",
        "Operations",
        "Legal",
        "Project Phoenix",
        "Hotline",
        "Reception",
        "Management",
        "Vertrieb Süd",
        "Équipe Ventes",
        "研发部",
        "Night Shift",
        "Warehouse",
        "Field Service",
        "Key Accounts",
        "Procurement"
    };

    private final long seed;
    private final int users;
    private final int groups;
    private String password = Tenant.DEFAULT_PASSWORD;

    /**
     * @param seed the seed; the same seed and size give the same tenant
     * @param users the number of users, at least 1 (the first is the administrator)
     */
    public TenantGenerator(long seed, int users) {
        this(seed, users, 70 + users / 100);
    }

    /**
     * @param seed the seed; the same seed and sizes give the same tenant
     * @param users the number of users, at least 1 (the first is the administrator)
     * @param groups the number of groups, at least 2 (the first is "All Staff"); by default 70 + users / 100
     */
    public TenantGenerator(long seed, int users, int groups) {
        if (users < 1) {
            throw new IllegalArgumentException("a tenant needs at least one user");
        }
        if (groups < 2) {
            throw new IllegalArgumentException("a generated tenant needs at least two groups");
        }
        this.seed = seed;
        this.users = users;
        this.groups = groups;
    }

    /**
     * The password every generated user signs in with at the login form (default {@link Tenant#DEFAULT_PASSWORD}); it
     * becomes the tenant's default password, so {@link Tenant#setPassword(String, String)} can still give one user its
     * own. Null: no generated user can sign in at the form until given a password.
     */
    public TenantGenerator password(String value) {
        password = value;
        return this;
    }

    /** Adds the generated users and groups to {@code tenant} and returns the administrator's object id. */
    public String populate(Tenant tenant) {
        tenant.setDefaultPassword(password);
        Random rnd = new Random(seed);
        String domain = tenant.domain();
        Instant start = Instant.parse("2014-01-01T00:00:00Z");
        long spanSeconds = ChronoUnit.SECONDS.between(start, Instant.parse("2025-06-01T00:00:00Z"));
        List<String> memberIds = new ArrayList<>();
        List<String> allIds = new ArrayList<>();
        List<String> mails = new ArrayList<>();

        EntraUser admin = EntraUser.builder(uuid(rnd))
                .displayName("MOD Administrator")
                .givenName("MOD")
                .surname("Administrator")
                .userPrincipalName("admin@" + domain)
                .mail("admin@" + domain)
                .businessPhones(List.of("+1 425 555 0100"))
                .mobilePhone("+1 425 555 0101")
                .jobTitle("IT Administrator")
                .department("IT")
                .employeeId("1000")
                .extensionAttribute(1, "100")
                .preferredLanguage("en-US")
                .createdDateTime(start)
                .build();
        tenant.createUser(admin);
        memberIds.add(admin.id());
        allIds.add(admin.id());

        for (int i = 1; i < users; i++) {
            int kind = rnd.nextInt(100);
            EntraUser.Builder b = EntraUser.builder(uuid(rnd))
                    .createdDateTime(start.plusSeconds((long) (rnd.nextDouble() * spanSeconds)));
            String given;
            String sur;
            String asciiGiven;
            String asciiSur;
            String display;
            if (rnd.nextInt(100) < 12) {
                String[] s = CHINESE_SURNAMES[rnd.nextInt(CHINESE_SURNAMES.length)];
                String[] g = CHINESE_GIVEN[rnd.nextInt(CHINESE_GIVEN.length)];
                given = g[0];
                sur = s[0];
                asciiGiven = g[1];
                asciiSur = s[1];
                display = rnd.nextBoolean()
                        ? sur + given
                        : sur + given + " (" + capitalize(asciiGiven) + " " + capitalize(asciiSur) + ")";
            } else {
                given = FIRST[rnd.nextInt(FIRST.length)];
                sur = LAST[rnd.nextInt(LAST.length)];
                asciiGiven = ascii(given);
                asciiSur = ascii(sur);
                display = rnd.nextInt(10) == 0 ? sur + ", " + given : given + " " + sur;
            }
            String alias = (asciiGiven + "." + asciiSur).toLowerCase(Locale.ROOT) + i;
            if (kind < 8) {
                String guestDomain = GUEST_DOMAINS[rnd.nextInt(GUEST_DOMAINS.length)];
                String external = alias + "@" + guestDomain;
                b.userType("Guest")
                        .userPrincipalName(alias + "_" + guestDomain + "#EXT#@" + domain)
                        .mail(external)
                        .displayName(display + " (Guest)")
                        .givenName(given)
                        .surname(sur)
                        .hasMailbox(false)
                        .accountEnabled(rnd.nextInt(10) != 0);
            } else if (kind < 10) {
                boolean room = rnd.nextBoolean();
                String name = room
                        ? "Conference Room " + (100 + i % 400)
                        : GROUP_WORDS[rnd.nextInt(GROUP_WORDS.length)] + " Shared Mailbox " + i;
                String mailAlias =
                        ascii(name).replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + (room ? "-" + i : "");
                b.displayName(name)
                        .userPrincipalName(mailAlias + "@" + domain)
                        .mail(mailAlias + "@" + domain)
                        .accountEnabled(false)
                        .businessPhones(room ? List.of(String.valueOf(2000 + i % 8000)) : List.of());
            } else {
                b.displayName(display)
                        .givenName(rnd.nextInt(100) < 5 ? null : given)
                        .surname(rnd.nextInt(100) < 5 ? null : sur)
                        .userPrincipalName(alias + "@" + domain)
                        .accountEnabled(kind >= 17)
                        .jobTitle(rnd.nextInt(10) < 8 ? TITLES[rnd.nextInt(TITLES.length)] : null)
                        .department(rnd.nextInt(10) < 8 ? DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)] : null)
                        .officeLocation(rnd.nextInt(10) < 6 ? OFFICES[rnd.nextInt(OFFICES.length)] : null)
                        .preferredLanguage(rnd.nextInt(10) < 5 ? LANGUAGES[rnd.nextInt(LANGUAGES.length)] : null);
                String mail;
                if (!mails.isEmpty() && rnd.nextInt(100) == 0) {
                    mail = swapCase(mails.get(rnd.nextInt(mails.size())), rnd);
                } else if (rnd.nextInt(100) < 4) {
                    mail = null;
                } else {
                    mail = rnd.nextInt(5) == 0
                            ? capitalize(asciiGiven) + "." + capitalize(asciiSur) + i + "@" + domain
                            : alias + "@" + domain;
                }
                b.mail(mail);
                if (mail != null) {
                    mails.add(mail);
                }
                if (rnd.nextInt(100) < 70) {
                    b.businessPhones(List.of(phone(rnd, i)));
                }
                if (rnd.nextInt(100) < 50) {
                    b.mobilePhone(mobile(rnd));
                }
                b.employeeId(employeeId(rnd, i));
                String ext = extension(rnd, i);
                if (ext != null) {
                    b.extensionAttribute(1, ext);
                }
                if (rnd.nextInt(4) == 0) {
                    b.extensionAttribute(2, "CC-" + (4000 + rnd.nextInt(90)));
                }
                if (rnd.nextInt(20) == 0) {
                    b.extensionAttribute(15, "+49 30 " + (100000 + rnd.nextInt(900000)));
                }
            }
            EntraUser user = b.build();
            tenant.createUser(user);
            allIds.add(user.id());
            if (user.userType().equals("Member") && user.accountEnabled()) {
                memberIds.add(user.id());
            }
        }

        int groupCount = groups;
        List<String> groupIds = new ArrayList<>();
        EntraGroup allStaff = EntraGroup.microsoft365(uuid(rnd), "All Staff", "allstaff@" + domain)
                .withDescription("Everyone in the company")
                .withCreatedDateTime(start);
        tenant.createGroup(allStaff);
        groupIds.add(allStaff.id());
        for (int g = 1; g < groupCount; g++) {
            String name = GROUP_WORDS[g % GROUP_WORDS.length]
                    + (g >= GROUP_WORDS.length ? " " + (g / GROUP_WORDS.length + 1) : "");
            String nick = ascii(name).replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + g;
            String id = uuid(rnd);
            int type = rnd.nextInt(100);
            EntraGroup group;
            if (type < 40) {
                group = EntraGroup.security(id, name + " (Security)");
            } else if (type < 70) {
                group = EntraGroup.microsoft365(id, name, nick + "@" + domain);
            } else if (type < 80) {
                group = EntraGroup.mailEnabledSecurity(id, name + " Mail Security", nick + "@" + domain);
            } else if (type < 95) {
                group = EntraGroup.distribution(id, name + " DL", nick + "@" + domain);
            } else {
                group = EntraGroup.security(id, name + " (Dynamic)")
                        .withMembershipRule("(user.department -eq \"" + GROUP_WORDS[g % GROUP_WORDS.length] + "\")");
            }
            if (rnd.nextInt(3) == 0) {
                group = group.withDescription(
                        "Team " + name + " — created by " + (rnd.nextBoolean() ? "IT" : "self-service"));
            }
            group = group.withCreatedDateTime(start.plusSeconds((long) (rnd.nextDouble() * spanSeconds)));
            tenant.createGroup(group);
            groupIds.add(group.id());
        }
        for (String member : memberIds) {
            tenant.addMember(allStaff.id(), member);
        }
        for (int g = 1; g < groupIds.size(); g++) {
            tenant.addMember(groupIds.get(g), admin.id());
        }
        for (int u = 1; u < allIds.size(); u++) {
            int memberships = rnd.nextInt(4);
            for (int k = 0; k < memberships; k++) {
                tenant.addMember(groupIds.get(1 + rnd.nextInt(groupIds.size() - 1)), allIds.get(u));
            }
        }
        for (int g = 10; g < groupIds.size(); g++) {
            if (rnd.nextInt(100) < 15) {
                tenant.addMember(groupIds.get(1 + rnd.nextInt(g - 1)), groupIds.get(g));
            }
        }
        return admin.id();
    }

    /**
     * Gives the generated tenant's mailboxes their Outlook side, reproducibly from the same seed (without changing the
     * directory {@link #populate} made): the shared mailboxes get {@code userPurpose=shared} and an address book of
     * suppliers and customers (with sub-folders), full access for the administrator; rooms get {@code room}; about
     * half of the other mailboxes get personal contacts in the default folder and in nested folders, with junk among
     * them (no name, no phone, odd phone formats, duplicates). Most of those users share their default Contacts folder
     * with the administrator (the authorization account), some the whole mailbox, some nothing; a sub-folder is shared
     * only when the whole mailbox is.
     */
    public void populateMailboxes(Tenant tenant, Mailboxes mailboxes) {
        Random rnd = new Random(seed * 31 + 0x0C0DE);
        String adminId = tenant.users().stream()
                .filter(u -> ("admin@" + tenant.domain()).equals(u.userPrincipalName()))
                .map(EntraUser::id)
                .findFirst()
                .orElse(null);
        int i = 0;
        for (EntraUser user : tenant.users()) {
            i++;
            if (!user.hasMailbox()) {
                continue;
            }
            String name = user.displayName() == null ? "" : user.displayName();
            if (!user.accountEnabled() && name.startsWith("Conference Room")) {
                mailboxes.setPurpose(user.id(), "room");
                continue;
            }
            if (!user.accountEnabled() && name.contains("Shared Mailbox")) {
                mailboxes.setPurpose(user.id(), "shared");
                if (adminId != null) {
                    mailboxes.shareMailbox(user.id(), adminId);
                }
                ContactFolder suppliers = mailboxes.addFolder(user.id(), null, "Suppliers");
                ContactFolder customers = mailboxes.addFolder(user.id(), null, "Customers");
                ContactFolder key = mailboxes.addFolder(user.id(), customers.id(), "Key Accounts");
                addContacts(rnd, mailboxes, user.id(), null, 3 + rnd.nextInt(5), i, true);
                addContacts(rnd, mailboxes, user.id(), suppliers.id(), 5 + rnd.nextInt(10), i, true);
                addContacts(rnd, mailboxes, user.id(), customers.id(), 5 + rnd.nextInt(10), i, true);
                addContacts(rnd, mailboxes, user.id(), key.id(), 1 + rnd.nextInt(4), i, true);
                continue;
            }
            if (!user.id().equals(adminId) && rnd.nextInt(100) >= 50) {
                continue;
            }
            addContacts(rnd, mailboxes, user.id(), null, rnd.nextInt(12), i, false);
            int folders = rnd.nextInt(3);
            for (int f = 0; f < folders; f++) {
                ContactFolder folder =
                        mailboxes.addFolder(user.id(), null, PERSONAL_FOLDERS[rnd.nextInt(PERSONAL_FOLDERS.length)]);
                addContacts(rnd, mailboxes, user.id(), folder.id(), rnd.nextInt(6), i, false);
                if (rnd.nextInt(3) == 0) {
                    ContactFolder nested =
                            mailboxes.addFolder(user.id(), folder.id(), "Archive " + (2019 + rnd.nextInt(6)));
                    addContacts(rnd, mailboxes, user.id(), nested.id(), 1 + rnd.nextInt(3), i, false);
                }
            }
            if (adminId == null || user.id().equals(adminId)) {
                continue;
            }
            int sharing = rnd.nextInt(100);
            if (sharing < 60) {
                mailboxes.shareFolder(user.id(), mailboxes.defaultFolderId(user.id()), adminId);
            } else if (sharing < 75) {
                mailboxes.shareMailbox(user.id(), adminId);
            }
        }
    }

    private static final Map<String, String> ASCII_NAMES = new ConcurrentHashMap<>();
    private static final String[] PERSONAL_FOLDERS = {"Family", "Customers", "Suppliers", "Friends", "Team", "Kunden"};
    private static final String[] COMPANIES = {
        "Fabrikam",
        "Northwind Traders",
        "Tailspin Toys",
        "Wide World Importers",
        "Litware",
        "Adatum",
        "Woodgrove Bank",
        "Proseware",
        "Contoso Pharmaceuticals",
        "Müller GmbH",
        "上海贸易有限公司",
        null
    };

    private static void addContacts(
            Random rnd, Mailboxes mailboxes, String userId, String folderId, int count, int i, boolean business) {
        for (int c = 0; c < count; c++) {
            int junk = rnd.nextInt(100);
            String given = FIRST[rnd.nextInt(FIRST.length)];
            String sur = LAST[rnd.nextInt(LAST.length)];
            OutlookContact.Builder b = OutlookContact.builder()
                    .givenName(given)
                    .surname(sur)
                    .displayName(given + " " + sur)
                    .companyName(business || rnd.nextBoolean() ? COMPANIES[rnd.nextInt(COMPANIES.length)] : null)
                    .jobTitle(rnd.nextInt(3) == 0 ? TITLES[rnd.nextInt(TITLES.length)] : null);
            if (rnd.nextInt(100) < 80) {
                b.businessPhones(List.of(phone(rnd, i * 50 + c)));
            }
            if (rnd.nextInt(100) < 40) {
                b.mobilePhone(mobile(rnd));
            }
            if (rnd.nextInt(100) < 20) {
                b.homePhones(List.of("+1 425 555 " + (1000 + rnd.nextInt(9000))));
            }
            if (rnd.nextInt(100) < 70) {
                b.email(
                        given + " " + sur,
                        ASCII_NAMES.computeIfAbsent(given, TenantGenerator::mailPart) + "."
                                + ASCII_NAMES.computeIfAbsent(sur, TenantGenerator::mailPart) + "@example.com");
            }
            if (junk < 5) {
                b.givenName(null).surname(null).displayName(null);
            } else if (junk < 8) {
                b.givenName(null).surname(null).displayName("   ");
            } else if (junk < 14) {
                b.businessPhones(List.of()).mobilePhone(null).homePhones(List.of());
            } else if (junk < 16) {
                b.businessPhones(List.of("n/a")).mobilePhone(null).homePhones(List.of());
            }
            OutlookContact contact = b.build();
            mailboxes.addContact(userId, folderId, contact);
            if (junk >= 98) {
                mailboxes.addContact(userId, folderId, contact);
            }
        }
    }

    private static String phone(Random rnd, int i) {
        int n = 1000 + i % 9000;
        return switch (rnd.nextInt(12)) {
            case 0 -> "+1 425 555 " + n;
            case 1 -> "(425) 555-" + n;
            case 2 -> "425.555." + n;
            case 3 -> "+49 (0)30 " + (1000000 + rnd.nextInt(9000000));
            case 4 -> "0049 30 " + (1000000 + rnd.nextInt(9000000));
            case 5 -> "+86 21 " + (50000000 + rnd.nextInt(40000000));
            case 6 -> "+44 20 7946 " + n + " x" + (100 + rnd.nextInt(900));
            case 7 -> "ext. " + n;
            case 8 -> String.valueOf(n);
            case 9 -> "+33 1 42 68 53 00";
            case 10 -> "";
            default -> "+1-425-555-" + n;
        };
    }

    private static String mobile(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "+1 206 555 " + (1000 + rnd.nextInt(9000));
            case 1 -> "0171 " + (1000000 + rnd.nextInt(9000000));
            case 2 -> "+86 138 " + (1000 + rnd.nextInt(9000)) + " " + (1000 + rnd.nextInt(9000));
            case 3 -> "+44 7700 900" + (100 + rnd.nextInt(900));
            default -> "n/a";
        };
    }

    private static String employeeId(Random rnd, int i) {
        int r = rnd.nextInt(100);
        if (r < 60) {
            return String.valueOf(1000 + i);
        }
        if (r < 65) {
            return String.format("%06d", 1000 + i);
        }
        if (r < 68) {
            return "E-" + (1000 + i);
        }
        if (r < 70) {
            return "n/a";
        }
        return null;
    }

    private static String extension(Random rnd, int i) {
        int r = rnd.nextInt(100);
        if (r < 40) {
            return String.valueOf(2000 + i);
        }
        if (r < 41) {
            return "12a4";
        }
        if (r < 42) {
            return "99999999999999999";
        }
        if (r < 43) {
            return " 1 234 ";
        }
        return null;
    }

    private static String uuid(Random rnd) {
        long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static String mailPart(String name) {
        return ascii(name).toLowerCase(Locale.ROOT);
    }

    private static String ascii(String value) {
        String stripped = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replace("ß", "ss")
                .replace("ø", "o")
                .replace("Ø", "O")
                .replace("ł", "l")
                .replace("Ł", "L")
                .replaceAll("[^A-Za-z0-9 .-]", "")
                .replace(" ", "");
    }

    private static String capitalize(String value) {
        return value.isEmpty() ? value : Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    private static String swapCase(String mail, Random rnd) {
        StringBuilder sb = new StringBuilder(mail);
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isLetter(c) && rnd.nextBoolean()) {
                sb.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
        }
        if (sb.toString().equals(mail)) {
            sb.setCharAt(
                    0,
                    Character.isUpperCase(sb.charAt(0))
                            ? Character.toLowerCase(sb.charAt(0))
                            : Character.toUpperCase(sb.charAt(0)));
        }
        return sb.toString();
    }
}
