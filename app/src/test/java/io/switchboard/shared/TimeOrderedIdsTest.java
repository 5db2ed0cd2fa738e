package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersionSevenUniqueAndIncreasingAsTheDatabasesOrderThem() {
        List<UUID> ids = new ArrayList<>();
        long before = System.currentTimeMillis();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(ids.get(0).getMostSignificantBits() >>> 16).isBetween(before, before + 60_000);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).toString())
                    .as("PostgreSQL and H2 order UUIDs by their bytes, as their text sorts")
                    .isGreaterThan(ids.get(i - 1).toString());
        }
    }
}
