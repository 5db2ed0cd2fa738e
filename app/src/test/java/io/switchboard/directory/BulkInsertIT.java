package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.IntegrationTest;
import io.switchboard.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync's bulk writes (issue 15 point 4, X9): {@code COPY} on PostgreSQL, a JDBC batch on H2,
 * store exactly what the one-row {@code INSERT} stores, whatever the text holds.
 */
class BulkInsertIT extends IntegrationTest {

    /** Text that {@code COPY}'s format would misread if it were not escaped. */
    private static final List<String> AWKWARD = List.of(
            "tab\there",
            "new\nline",
            "carriage\rreturn",
            "back\\slash",
            "\\N",
            "\\.",
            "ends with a backslash\\",
            "\"double\" and 'single' quotes",
            "Zoë Ångström",
            "张伟",
            "emoji 😀 and ß",
            "",
            " leading and trailing spaces ",
            "comma, semicolon; pipe | and \\t written out");

    @Autowired
    Extensions extensions;

    @Autowired
    BulkInsert bulk;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void aBatchOfAwkwardTextAndNullsIsStoredExactlyAsOneRowInsertsStoreIt_X9() {
        List<Extension> bulkWritten = new ArrayList<>();
        List<Extension> oneByOne = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size() * 2; i++) {
            String text = AWKWARD.get(i % AWKWARD.size());
            boolean nulls = i >= AWKWARD.size();
            // Nanoseconds around the half microsecond, which the driver rounds up.
            Instant at = START.plusNanos(123_456_000L + (i % 4 == 0 ? 499 : i % 4 == 1 ? 500 : i % 4 == 2 ? 999 : 1));
            bulkWritten.add(extension("2" + (1000 + i), text, nulls, at));
            oneByOne.add(extension("3" + (1000 + i), text, nulls, at));
        }
        assertThat(bulkWritten).hasSizeGreaterThanOrEqualTo(BulkInsert.COPY_FROM);

        transactions.executeWithoutResult(status -> extensions.insertAll(bulkWritten));
        transactions.executeWithoutResult(status -> oneByOne.forEach(extensions::insert));

        for (int i = 0; i < bulkWritten.size(); i++) {
            Extension stored = extensions.find(bulkWritten.get(i).id()).orElseThrow();
            Extension reference = extensions.find(oneByOne.get(i).id()).orElseThrow();
            assertThat(stored)
                    .as("extension %d (%s)", i, TestDatabase.KIND)
                    .usingRecursiveComparison()
                    .ignoringFields("createdAt", "updatedAt")
                    .isEqualTo(bulkWritten.get(i));
            assertThat(List.of(stored.createdAt(), stored.updatedAt()))
                    .as("timestamps of extension %d, as the driver rounds them", i)
                    .isEqualTo(List.of(reference.createdAt(), reference.updatedAt()));
            assertThat(callerIdKeys(stored.id())).as("caller-ID keys %d", i).isEqualTo(callerIdKeys(reference.id()));
        }
        assertThat(callerIdKeys(bulkWritten.get(0).id()))
                .containsEntry("mobile_suffix", "551000")
                .containsEntry("mobile_match_key", "+14255551000");
        assertThat(callerIdKeys(bulkWritten.get(AWKWARD.size()).id()))
                .containsEntry("mobile_suffix", null)
                .containsEntry("mobile_match_key", null);
    }

    @Test
    void aBatchWithOneRowTheTableRefusesIsRefusedAsAWholeAndLeavesNothing_X9() {
        List<Extension> batch = new ArrayList<>();
        for (int i = 0; i < BulkInsert.COPY_FROM + 4; i++) {
            batch.add(extension("4" + (1000 + i), "Name " + i, false, START));
        }
        batch.add(extension("41000", "Same number as the first", false, START));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> extensions.insertAll(batch)))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(extensions.find(batch.get(0).id())).isEmpty();
    }

    @Test
    void rowsBeyondOneBatchAndOneCopyBufferAreAllWrittenAndOneRefusedAtTheEndLeavesNoneOfThem_X9() {
        UUID runId = run(3);
        List<String> columns = List.of("run_id", "seq", "object_type", "action", "outcome");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= BulkInsert.BATCH_CHUNK * 2 + 5; i++) {
            rows.add(new Object[] {runId, i, "USER", "CREATE", "CREATED"});
        }
        List<Object[]> refused = new ArrayList<>(rows);
        refused.add(new Object[] {runId, 1, "USER", "CREATE", "CREATED"});

        assertThatThrownBy(
                        () -> transactions.executeWithoutResult(status -> bulk.insert("sync_result", columns, refused)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(results(runId)).isEmpty();

        transactions.executeWithoutResult(status -> bulk.insert("sync_result", columns, rows));
        assertThat(results(runId)).hasSize(rows.size());
    }

    @Test
    void rowsOfAnotherTableWithAwkwardTextAndNullsAreStoredExactlyAsABatchOfInsertsStoresThem_X9() {
        UUID bulkRun = run(1);
        UUID batchRun = run(2);
        List<String> columns = List.of(
                "run_id",
                "seq",
                "object_type",
                "source_id",
                "display_name",
                "action",
                "outcome",
                "code",
                "reason",
                "owner");
        List<Object[]> bulkRows = new ArrayList<>();
        List<Object[]> batchRows = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size() * 2; i++) {
            String text = AWKWARD.get(i % AWKWARD.size());
            boolean nulls = i >= AWKWARD.size();
            for (UUID run : List.of(bulkRun, batchRun)) {
                (run == bulkRun ? bulkRows : batchRows).add(new Object[] {
                    run,
                    i + 1,
                    "USER",
                    nulls ? null : text,
                    text,
                    "CREATE",
                    "CREATED",
                    nulls ? null : "NUMBER_TAKEN",
                    "Reason: " + text,
                    nulls ? null : text
                });
            }
        }

        transactions.executeWithoutResult(status -> bulk.insert("sync_result", columns, bulkRows));
        transactions.executeWithoutResult(
                status -> jdbcTemplate.batchUpdate(BulkInsert.insertStatement("sync_result", columns), batchRows));

        assertThat(results(bulkRun)).hasSize(bulkRows.size()).isEqualTo(results(batchRun));
        assertThat(results(bulkRun).get(0)).containsEntry("display_name", "tab\there");
        assertThat(results(bulkRun).get(AWKWARD.size())).containsEntry("source_id", null);
    }

    @Test
    void textOfSurrogatePairsOverManyOfTheDriversBuffersIsStoredIntact_X9() {
        UUID runId = run(4);
        List<String> columns = List.of("run_id", "seq", "object_type", "display_name", "action", "outcome");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            // Mostly surrogate pairs, shifted by one char from row to row, so that some of the
            // driver's 64 KB reads would end between the two halves of a pair.
            rows.add(new Object[] {runId, i, "USER", "x".repeat(i % 3) + "😀".repeat(120), "CREATE", "CREATED"});
        }

        transactions.executeWithoutResult(status -> bulk.insert("sync_result", columns, rows));

        List<Map<String, Object>> stored = results(runId);
        assertThat(stored).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(stored.get(i).get("display_name")).as("row %d", i + 1).isEqualTo(rows.get(i)[3]);
        }
    }

    private UUID run(int seq) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO sync_run (id, seq, trigger_kind, kind, state, started_at)"
                        + " VALUES (?, ?, 'MANUAL', 'FULL', 'SUCCEEDED', CURRENT_TIMESTAMP)")
                .params(id, seq)
                .update();
        return id;
    }

    private List<Map<String, Object>> results(UUID run) {
        return jdbc.sql("SELECT seq, object_type, source_id, display_name, action, outcome, code, reason, owner"
                        + " FROM sync_result WHERE run_id = ? ORDER BY seq")
                .param(run)
                .query()
                .listOfRows();
    }

    private static Extension extension(String number, String text, boolean nulls, Instant at) {
        return new Extension(
                UUID.randomUUID(),
                number,
                text,
                nulls ? null : "Zoë\\N",
                nulls ? null : "u" + number + "@example.com",
                nulls ? null : "+1 (425) 555-" + number.substring(1),
                nulls ? null : text + " title",
                Presence.AVAILABLE,
                Origin.MICROSOFT_365,
                nulls ? null : "source-" + number,
                !nulls,
                at,
                at.plusNanos(1_500));
    }

    /** The mobile number's caller-ID keys an extension row holds (X5, V125), by lower-case column name. */
    private Map<String, Object> callerIdKeys(UUID extensionId) {
        Map<String, Object> keys = new java.util.HashMap<>();
        jdbc.sql("SELECT mobile_suffix, mobile_match_key FROM extension WHERE id = ?")
                .param(extensionId)
                .query()
                .singleRow()
                .forEach((column, value) -> keys.put(column.toLowerCase(java.util.Locale.ROOT), value));
        return keys;
    }
}
