package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.Origin;
import io.switchboard.directory.Presence;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.ActualDirectory;
import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.Plan;
import io.switchboard.reconcile.Planner;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.reconcile.Snapshot;
import io.switchboard.reconcile.UserSyncSettings;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * CPU cost of {@link Planner#plan} alone for a large tenant: {@code -Dbench.users} (default
 * 100,000) seeded users with messy fields (names with accents and CJK, emails with some duplicates
 * in another case for U11, mobile numbers in many formats, job titles, a few disabled users and
 * guests) and {@code -Dbench.groups} (default 2,000) groups, 63 of them in the group-sync range, as
 * issue 15's {@code SyncAtScaleBenchmark} sets them. Two cases: a first full sync (a directory of
 * a few local extensions only) and a repeat full sync (every extension of the first plan exists,
 * nothing changed). Each plan runs {@code -Dbench.warmups} times unmeasured, then {@code
 * -Dbench.iterations} times; the output gives wall and thread-CPU milliseconds per plan (median,
 * min, max) and a fingerprint of the plan, which is the same before and after a planner change
 * that keeps behaviour. Not part of the default suite (its name matches neither *Test nor *IT,
 * and it needs no database); run it with
 * {@code ./mvnw -B -q test -pl app -am -Dtest=PlannerBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true}.
 */
class PlannerBenchmark {

    static final int GROUPS_IN_SCOPE = 63;

    /** How large a tenant, and how many plans are made unmeasured, then measured. */
    record Size(int users, int groups, int warmups, int iterations) {

        static Size fromProperties() {
            return new Size(
                    Integer.getInteger("bench.users", 100_000),
                    Integer.getInteger("bench.groups", 2_000),
                    Integer.getInteger("bench.warmups", 5),
                    Integer.getInteger("bench.iterations", 10));
        }
    }

    private static final String[] GIVEN = {
        "Anna",
        "Björn",
        "Zoë",
        "José",
        "Mia",
        "Noah",
        "Łukasz",
        "Chloé",
        "Søren",
        "Ana-María",
        "李",
        "王芳",
        "Ömer",
        "Liam"
    };
    private static final String[] SURNAMES = {
        "Müller", "O'Neil", "García", "Nguyễn", "Smith", "Dubois", "Kowalski", "Andersson", "Rossi", "田中", "Ivanova"
    };
    private static final String[] TITLES = {
        "Sales Manager", "Software Engineer", "  Support Agent ", "Head of Finance", "Ingénieure", "営業部長", null
    };
    private static final String[] DOMAINS = {"contoso.example", "Fabrikam.example", "northwind.example"};

    @Test
    void planAHundredThousandUsers() {
        run(Size.fromProperties());
    }

    /** Plans a first and a repeat full sync of a generated tenant, prints the figures, returns both plans. */
    static List<Plan> run(Size size) {
        Random random = new Random(15);
        Snapshot snapshot = snapshot(random, size);
        UserSyncSettings users = UserSyncSettings.of(
                true,
                UserRange.ALL,
                null,
                null,
                NumberSource.AUTO,
                "100000",
                null,
                Set.of(AccountState.DELETED),
                false,
                false,
                WhenOutOfScope.RELEASE,
                false);
        List<String> scope = snapshot.groups().stream()
                .map(EntraGroup::id)
                .sorted()
                .limit(GROUPS_IN_SCOPE)
                .toList();
        GroupSyncSettings groups = GroupSyncSettings.of(true, GroupRange.GROUPS, null, scope, WhenOutOfScope.RELEASE);

        List<Extension> locals = locals(random, snapshot);
        ActualDirectory empty = new ActualDirectory(locals, List.of(), 1_000_000);
        Plan first = Planner.plan(snapshot, empty, users, groups);
        ActualDirectory synced = applied(random, locals, first);
        Plan repeat = Planner.plan(snapshot, synced, users, groups);
        assertThat(repeat.changes()).as("a repeat full sync changes nothing").isEmpty();

        report("first full sync", size, first, time(size, () -> Planner.plan(snapshot, empty, users, groups)));
        report("repeat full sync", size, repeat, time(size, () -> Planner.plan(snapshot, synced, users, groups)));
        return List.of(first, repeat);
    }

    private static Snapshot snapshot(Random random, Size size) {
        List<EntraUser> users = new ArrayList<>(size.users());
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < size.users(); i++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String surname = SURNAMES[random.nextInt(SURNAMES.length)];
            String mail;
            if (!emails.isEmpty() && random.nextInt(200) == 0) {
                // the same address in another case: U11 gives it to the older account
                mail = emails.get(random.nextInt(emails.size())).toUpperCase();
            } else if (random.nextInt(50) == 0) {
                mail = null;
            } else {
                mail = ascii(given) + "." + ascii(surname) + i + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
                emails.add(mail);
            }
            boolean named = random.nextInt(100) != 0;
            users.add(new EntraUser(
                    id(random),
                    named ? given + " " + surname : null,
                    named ? given : null,
                    named ? surname : null,
                    mail,
                    "user" + i + "@contoso.onmicrosoft.example",
                    mobile(random),
                    random.nextBoolean() ? List.of("+1 425 555 " + (1000 + random.nextInt(9000))) : List.of(),
                    TITLES[random.nextInt(TITLES.length)],
                    random.nextInt(50) == 0 ? UserType.GUEST : UserType.MEMBER,
                    random.nextInt(100) != 0,
                    random.nextInt(500) == 0
                            ? null
                            : Instant.ofEpochSecond(1_400_000_000L + random.nextInt(300_000_000)),
                    random.nextInt(3) == 0 ? "E" + random.nextInt(1_000_000) : null,
                    random.nextInt(10) == 0 ? Map.of("extensionAttribute1", "x" + i) : Map.of()));
        }
        List<EntraGroup> groups = new ArrayList<>(size.groups());
        for (int i = 0; i < size.groups(); i++) {
            Set<String> members = new HashSet<>();
            int memberCount = random.nextInt(120);
            for (int m = 0; m < memberCount; m++) {
                members.add(users.get(random.nextInt(users.size())).id());
            }
            groups.add(new EntraGroup(
                    id(random),
                    "Team " + (i % 1500) + (random.nextInt(4) == 0 ? " — Ünit" : ""),
                    random.nextInt(3) == 0 ? List.of("Unified") : List.of(),
                    true,
                    false,
                    Instant.ofEpochSecond(1_400_000_000L + random.nextInt(300_000_000)),
                    members,
                    Set.of()));
        }
        return new Snapshot(users, groups);
    }

    private static String mobile(Random random) {
        int n = 1_000_000 + random.nextInt(9_000_000);
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "+1 (425) 555-" + (n % 10_000);
            case 2 -> "+49 30 " + n;
            case 3 -> "0049-30-" + n;
            case 4 -> "＋８１ ９０ " + n; // full-width, as some tenants hold
            case 5 -> "n/a";
            case 6 -> " +33 6 " + n + " ";
            default -> "07" + n;
        };
    }

    private static String ascii(String name) {
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "")
                .toLowerCase();
        return plain.isEmpty() ? "user" : plain;
    }

    private static String id(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A few local extensions, some holding an email a user has (U4, turned off: EMAIL_TAKEN). */
    private static List<Extension> locals(Random random, Snapshot snapshot) {
        List<Extension> locals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String email = i % 2 == 0
                    ? snapshot.users()
                            .get(random.nextInt(snapshot.users().size()))
                            .mail()
                    : "desk" + i + "@contoso.example";
            locals.add(new Extension(
                    new UUID(random.nextLong(), random.nextLong()),
                    String.valueOf(100_000 + i * 7),
                    "Desk",
                    String.valueOf(i),
                    email,
                    null,
                    null,
                    Presence.AVAILABLE,
                    Origin.LOCAL,
                    null,
                    false,
                    Instant.EPOCH,
                    Instant.EPOCH));
        }
        return locals;
    }

    /**
     * The directory after the first plan: the locals and what the plan creates, nothing changed
     * since. Its texts are copies, as read from the database, not the snapshot's own strings.
     */
    private static ActualDirectory applied(Random random, List<Extension> locals, Plan plan) {
        List<Extension> extensions = new ArrayList<>(locals);
        Map<String, UUID> bySource = new HashMap<>();
        for (CreateExtension c : plan.changes(CreateExtension.class)) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            bySource.put(c.sourceId(), id);
            extensions.add(new Extension(
                    id,
                    copy(c.input().number()),
                    copy(c.input().firstName()),
                    copy(c.input().lastName()),
                    copy(c.input().email()),
                    copy(c.input().mobileNumber()),
                    copy(c.input().jobTitle()),
                    Presence.AVAILABLE,
                    Origin.MICROSOFT_365,
                    copy(c.sourceId()),
                    c.numberFromSource(),
                    Instant.EPOCH,
                    Instant.EPOCH));
        }
        List<ExtensionGroup> groups = new ArrayList<>();
        for (CreateGroup c : plan.changes(CreateGroup.class)) {
            groups.add(new ExtensionGroup(
                    new UUID(random.nextLong(), random.nextLong()),
                    copy(c.displayName()),
                    Origin.MICROSOFT_365,
                    copy(c.sourceId()),
                    c.memberSourceIds().stream().map(bySource::get).toList()));
        }
        return new ActualDirectory(extensions, groups, 1_000_000);
    }

    private static String copy(String text) {
        return text == null ? null : new String(text);
    }

    /** Per measured plan: wall and thread-CPU microseconds, and the bytes the planning thread allocated. */
    private record Timings(long[] wallMicros, long[] cpuMicros, long[] allocated) {}

    private static Timings time(Size size, Supplier<Plan> plan) {
        // the JDK's own bean also counts a thread's allocations, which the load of the machine does not change
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (int i = 0; i < size.warmups(); i++) {
            plan.get();
        }
        long[] wall = new long[size.iterations()];
        long[] cpu = new long[size.iterations()];
        long[] allocated = new long[size.iterations()];
        for (int i = 0; i < size.iterations(); i++) {
            long a0 = threads.getThreadAllocatedBytes(self);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            plan.get();
            wall[i] = (System.nanoTime() - t0) / 1_000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1_000;
            allocated[i] = threads.getThreadAllocatedBytes(self) - a0;
        }
        return new Timings(wall, cpu, allocated);
    }

    private static void report(String name, Size size, Plan plan, Timings timings) {
        System.out.printf(
                "PlannerBenchmark %-16s users=%d groups=%d changes=%d failures=%d unchanged=%d fingerprint=%s"
                        + " | wall ms median %.1f min %.1f max %.1f | cpu ms median %.1f min %.1f max %.1f"
                        + " | allocated MB median %.1f | runs %d (after %d warm-ups)%n",
                name,
                size.users(),
                size.groups(),
                plan.changes().size(),
                plan.failures().size(),
                plan.unchanged().size(),
                fingerprint(plan),
                median(timings.wallMicros()),
                min(timings.wallMicros()),
                max(timings.wallMicros()),
                median(timings.cpuMicros()),
                min(timings.cpuMicros()),
                max(timings.cpuMicros()),
                median(timings.allocated()) / 1_000.0,
                size.iterations(),
                size.warmups());
    }

    /** A digest of everything the plan says, in its order: equal digests, equal plans. */
    private static String fingerprint(Plan plan) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (List<?> part : List.of(plan.changes(), plan.held(), plan.failures(), plan.unchanged(), plan.guard())) {
                for (Object item : part) {
                    digest.update(item.toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The median over 1,000: milliseconds of microseconds, kilobytes of bytes. */
    private static double median(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1000.0;
    }

    private static double min(long[] micros) {
        return Arrays.stream(micros).min().orElse(0) / 1000.0;
    }

    private static double max(long[] micros) {
        return Arrays.stream(micros).max().orElse(0) / 1000.0;
    }
}
