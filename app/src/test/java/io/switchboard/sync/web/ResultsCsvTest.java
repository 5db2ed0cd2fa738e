package io.switchboard.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.ProblemCode;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.SyncResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

    @Test
    void theCsvExportStartsWithAUtf8ByteOrderMarkSoSpreadsheetsShowChineseNames_X4() {
        String csv = ResultsCsv.write(List.of(new SyncResult(
                ObjectType.EXTENSION, "u1", "张伟", Action.CREATE, Outcome.FAILED, ProblemCode.EMAIL_TAKEN, "taken")));

        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(csv.substring(1)).startsWith("objectType,sourceId,displayName,");
        assertThat(csv).contains("u1,张伟,CREATE,FAILED,EMAIL_TAKEN,taken,\r\n");
    }

    @Test
    void theLastColumnIsTheMailboxAContactResultIsAbout_O1_X4() {
        String csv = ResultsCsv.write(List.of(new SyncResult(
                ObjectType.CONTACT,
                "c1",
                "Sue Supplier",
                Action.CREATE,
                Outcome.CREATED,
                null,
                null,
                "suppliers@contoso.example")));

        assertThat(csv.substring(1)).startsWith("objectType,sourceId,displayName,action,outcome,code,reason,owner\r\n");
        assertThat(csv).endsWith("CONTACT,c1,Sue Supplier,CREATE,CREATED,,,suppliers@contoso.example\r\n");
    }
}
