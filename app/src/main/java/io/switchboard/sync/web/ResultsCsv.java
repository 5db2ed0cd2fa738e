package io.switchboard.sync.web;

import io.switchboard.sync.SyncResult;
import java.util.List;

/**
 * Writes run results as RFC 4180 CSV. A cell that a spreadsheet would run as a formula (starting
 * with {@code = + - @}) is prefixed with an apostrophe, since names come from the tenant. The text
 * starts with a UTF-8 byte order mark, without which spreadsheet programs read UTF-8 as a legacy
 * code page and garble Chinese names. The last column, {@code owner}, is the mailbox an Outlook
 * contact, folder or mailbox result is about (empty for users and groups).
 */
final class ResultsCsv {

    private ResultsCsv() {}

    /** The byte order mark, U+FEFF, that opens the text. */
    static final String BOM = "\uFEFF";

    static String write(List<SyncResult> results) {
        StringBuilder csv =
                new StringBuilder(BOM + "objectType,sourceId,displayName,action,outcome,code,reason,owner\r\n");
        for (SyncResult r : results) {
            csv.append(String.join(
                            ",",
                            cell(r.objectType().name()),
                            cell(r.sourceId()),
                            cell(r.displayName()),
                            cell(r.action().name()),
                            cell(r.outcome().name()),
                            cell(r.code() == null ? null : r.code().name()),
                            cell(r.reason()),
                            cell(r.owner())))
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
