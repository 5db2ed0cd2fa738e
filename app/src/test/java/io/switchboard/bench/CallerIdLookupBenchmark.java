package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.CallerIdLookup;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.directory.ExtensionGroupInput;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.GroupDirectory;
import io.switchboard.directory.PersonalContactDirectory;
import io.switchboard.directory.Phonebook;
import io.switchboard.directory.PhonebookDirectory;
import io.switchboard.directory.PhonebookInput;
import io.switchboard.directory.Visibility;
import io.switchboard.testing.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Caller-ID lookups per second (X5) with 100,000 stored numbers: extensions (number and mobile),
 * personal contacts and phonebook contacts in several countries' formats, written through the
 * directory's own services so the index is the one the service keeps. Two threads (the machine's
 * two cores) ask the lookup service for stored numbers in another format than the stored one, half
 * of them as an extension (the visibility path), a tenth for numbers nobody holds. Not part of the
 * default suite (its name matches neither *Test nor *IT); run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=CallerIdLookupBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.includes=**}{@code /*Benchmark.java};
 * {@code LookupApiIT} runs the same code on 2,000 numbers as a smoke test.
 */
public class CallerIdLookupBenchmark extends IntegrationTest {

    static final int NUMBERS = Integer.getInteger("bench.numbers", 100_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    @Autowired
    ExtensionDirectory extensions;

    @Autowired
    GroupDirectory groups;

    @Autowired
    PhonebookDirectory phonebooks;

    @Autowired
    PersonalContactDirectory personal;

    @Autowired
    CallerIdLookup lookup;

    @Test
    void lookupsPerSecondWithAHundredThousandNumbers() throws Exception {
        Figures figures =
                new Load(extensions, groups, phonebooks, personal, lookup).run(jdbc, NUMBERS, SECONDS * 1000L, 2);
        System.out.println(figures);
        assertThat(figures.wrong()).isZero();
    }

    /** What a run measured. */
    public record Figures(
            int storedNumbers,
            long seedMillis,
            int threads,
            long lookups,
            long millis,
            long cpuMillis,
            long wrong,
            long found) {
        public double perSecond() {
            return lookups * 1000.0 / millis;
        }

        /** Lookups per second that two cores of their own would answer: the CPU time the lookup threads used. */
        public double perSecondOnTwoIdleCores() {
            return lookups * 1000.0 * 2 / cpuMillis;
        }

        @Override
        public String toString() {
            return String.format(
                    "caller-ID lookup: %,d stored numbers seeded in %,d ms; %d threads: %,d lookups in %,d ms ="
                            + " %,.0f lookups/s; %,d ms CPU in the lookup threads = %,.0f lookups/s on two cores of"
                            + " their own; %,d found a match; %d wrong",
                    storedNumbers,
                    seedMillis,
                    threads,
                    lookups,
                    millis,
                    perSecond(),
                    cpuMillis,
                    perSecondOnTwoIdleCores(),
                    found,
                    wrong);
        }
    }

    /** Seeds the directory and drives the lookups; shared with the smoke run in {@code LookupApiIT}. */
    public record Load(
            ExtensionDirectory extensions,
            GroupDirectory groups,
            PhonebookDirectory phonebooks,
            PersonalContactDirectory personal,
            CallerIdLookup lookup) {

        private static final String[][] COUNTRIES = {
            {"+1", "425"}, {"+44", "20"}, {"+49", "30"}, {"+86", "10"}, {"+33", "1"}, {"+61", "2"}
        };

        /** One stored number: as stored, as a caller would present it, and who may see it. */
        record Stored(String asked, UUID holder, UUID visibleTo) {}

        public Figures run(JdbcClient jdbc, int numbers, long millis, int threads) throws InterruptedException {
            jdbc.sql("UPDATE pbx_settings SET extension_capacity = 100000, default_country = 'US'")
                    .update();
            Random random = new Random(17);
            long t0 = System.nanoTime();
            List<Stored> stored = seed(numbers, random);
            long seedMillis = (System.nanoTime() - t0) / 1_000_000;

            Random warm = new Random(1);
            long warmUntil = System.nanoTime() + Math.min(millis / 2, 5_000) * 1_000_000;
            while (System.nanoTime() < warmUntil) {
                ask(stored, warm, new AtomicLong(), new AtomicLong());
            }
            AtomicLong done = new AtomicLong();
            AtomicLong cpuNanos = new AtomicLong();
            AtomicLong wrong = new AtomicLong();
            AtomicLong found = new AtomicLong();
            CountDownLatch finished = new CountDownLatch(threads);
            long start = System.nanoTime();
            long end = start + millis * 1_000_000;
            for (int t = 0; t < threads; t++) {
                Random own = new Random(t);
                Thread worker = new Thread(() -> {
                    long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean()
                            .getCurrentThreadCpuTime();
                    try {
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < 100; i++) {
                                ask(stored, own, wrong, found);
                            }
                            done.addAndGet(100);
                        }
                    } finally {
                        cpuNanos.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean()
                                        .getCurrentThreadCpuTime()
                                - cpu0);
                        finished.countDown();
                    }
                });
                worker.start();
            }
            finished.await();
            long took = (System.nanoTime() - start) / 1_000_000;
            return new Figures(
                    stored.size(),
                    seedMillis,
                    threads,
                    done.get(),
                    took,
                    cpuNanos.get() / 1_000_000,
                    wrong.get(),
                    found.get());
        }

        private void ask(List<Stored> stored, Random random, AtomicLong wrong, AtomicLong found) {
            int pick = random.nextInt(stored.size() + stored.size() / 10);
            if (pick >= stored.size()) {
                String nobody = "+1 425 1" + (100000 + random.nextInt(900000));
                if (!lookup.lookup(nobody, null).matches().isEmpty()) {
                    wrong.incrementAndGet();
                }
                return;
            }
            Stored s = stored.get(pick);
            boolean asExtension = s.visibleTo() != null && random.nextBoolean();
            CallerIdLookup.Result result = lookup.lookup(s.asked(), asExtension ? s.visibleTo() : null);
            if (result.matches().stream().noneMatch(m -> m.id().equals(s.holder()))) {
                wrong.incrementAndGet();
            } else {
                found.incrementAndGet();
            }
        }

        /** A tenth of the numbers are extensions (number and mobile), the rest contacts with two phones each. */
        private List<Stored> seed(int numbers, Random random) {
            List<Stored> stored = new ArrayList<>();
            int extensionCount = Math.max(10, numbers / 20);
            List<Extension> created = new ArrayList<>();
            for (int i = 0; i < extensionCount; i++) {
                String[] country = COUNTRIES[i % COUNTRIES.length];
                long subscriber = subscriber(country, random);
                Extension e = extensions.create(new ExtensionInput(
                        String.valueOf(100000 + i),
                        "First" + i,
                        "Last" + i,
                        null,
                        country[0] + " " + country[1] + " " + subscriber,
                        null,
                        null));
                created.add(e);
                stored.add(new Stored(e.number(), e.id(), null));
                stored.add(new Stored(dialled(country, subscriber), e.id(), null));
            }
            List<UUID> groupIds = new ArrayList<>();
            int groupCount = 10;
            for (int g = 0; g < groupCount; g++) {
                List<UUID> members = new ArrayList<>();
                for (int i = g; i < created.size(); i += groupCount) {
                    members.add(created.get(i).id());
                }
                groupIds.add(groups.create(new ExtensionGroupInput("Bench group " + g, members))
                        .id());
            }
            int contacts = (numbers - stored.size()) / 2;
            int personalCount = contacts / 3;
            int books = 10;
            List<Phonebook> phonebookList = new ArrayList<>();
            for (int b = 0; b < books; b++) {
                phonebookList.add(phonebooks.create(
                        new PhonebookInput("Bench book " + b, new Visibility(List.of(), List.of(groupIds.get(b))))));
            }
            for (int i = 0; i < contacts; i++) {
                String[] country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                long mobile = subscriber(country, random);
                long business = subscriber(country, random);
                ContactInput input = new ContactInput(
                        "Contact" + i,
                        "Bench",
                        "Company " + (i % 500),
                        null,
                        country[0] + " " + country[1] + " " + mobile,
                        null,
                        stored(country, business),
                        null,
                        null);
                if (i < personalCount) {
                    Extension owner = created.get(i % created.size());
                    UUID id = personal.create(owner.id(), input).id();
                    stored.add(new Stored(dialled(country, mobile), id, owner.id()));
                    stored.add(new Stored(dialled(country, business), id, owner.id()));
                } else {
                    int b = i % books;
                    UUID id = phonebooks
                            .addContact(phonebookList.get(b).id(), input)
                            .id();
                    UUID member = created.get(b % created.size()).id();
                    stored.add(new Stored(dialled(country, mobile), id, member));
                    stored.add(new Stored(dialled(country, business), id, member));
                }
            }
            return stored;
        }

        /** Seven digits not starting with 0 or 1 in the US; eight digits elsewhere. */
        private static long subscriber(String[] country, Random random) {
            return country[0].equals("+1")
                    ? 2_000_000L + random.nextInt(7_999_999)
                    : 10_000_000L + random.nextInt(89_999_999);
        }

        /** A number as the address book holds it: national for the PBX's own country (US), else international. */
        private static String stored(String[] country, long subscriber) {
            return country[0].equals("+1")
                    ? "(" + country[1] + ") " + subscriber / 10_000 + "-" + String.format("%04d", subscriber % 10_000)
                    : country[0] + " (0)" + country[1] + " " + subscriber;
        }

        /** The same number as a trunk presents it: E.164 with a tel: scheme, or an international 011 prefix. */
        private static String dialled(String[] country, long subscriber) {
            return country[0].equals("+1")
                    ? "tel:+1" + country[1] + subscriber
                    : "011 " + country[0].substring(1) + " " + country[1] + " " + subscriber;
        }
    }
}
