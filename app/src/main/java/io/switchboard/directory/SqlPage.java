package io.switchboard.directory;

import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.TextRules;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One page of a table query and its total, with the same filter on both. */
final class SqlPage {

    private SqlPage() {}

    /** {@code %value%} for a case-insensitive {@code LIKE} on a lower-cased column, wildcards escaped. */
    static String contains(String query) {
        return "%"
                + TextRules.key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static <T> PageResult<T> query(
            JdbcClient jdbc,
            String columns,
            String fromWhere,
            Map<String, ?> params,
            String orderBy,
            RowMapper<T> mapper,
            PageRequest page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM " + fromWhere)
                .params(params)
                .query(Long.class)
                .single();
        List<T> items = jdbc.sql("SELECT " + columns + " FROM " + fromWhere + " ORDER BY " + orderBy
                        + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(mapper)
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }
}
