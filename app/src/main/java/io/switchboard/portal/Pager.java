package io.switchboard.portal;

import io.switchboard.shared.PageResult;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The paging line under a table: which rows are shown of how many, and the links to the pages
 * before and after, keeping the page's other query parameters.
 */
record Pager(long from, long to, long total, int page, int pages, String previous, String next) {

    static Pager of(PageResult<?> result, String path, Map<String, ?> query) {
        int pages = (int) Math.max(1, (result.total() + result.size() - 1) / result.size());
        long from = result.items().isEmpty() ? 0 : (long) result.page() * result.size() + 1;
        long to = from == 0 ? 0 : from + result.items().size() - 1;
        return new Pager(
                from,
                to,
                result.total(),
                result.page(),
                pages,
                result.page() > 0 ? link(path, query, result.page() - 1) : null,
                result.page() + 1 < pages ? link(path, query, result.page() + 1) : null);
    }

    private static String link(String path, Map<String, ?> query, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        query.forEach((name, value) -> {
            if (value != null && !String.valueOf(value).isBlank()) {
                uri.queryParam(name, value);
            }
        });
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
