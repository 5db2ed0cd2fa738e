package io.switchboard.portal;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.sync.Counts;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncRuns.ResultFilter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sync history (issue 16 point 5, X4): the runs with a chart of their counts and durations,
 * and one run's per-object results, filterable and exportable. Reasons are worded from the stable
 * codes in the admin's language; times are in the admin's locale and the PBX time zone.
 */
@Controller
class HistoryPages {

    static final int PAGE_SIZE = 25;

    /** How many of the newest runs the chart draws. */
    static final int CHARTED = 30;

    private final SyncRuns runs;
    private final PbxSettingsService pbx;
    private final PortalText text;

    HistoryPages(SyncRuns runs, PbxSettingsService pbx, PortalText text) {
        this.runs = runs;
        this.pbx = pbx;
        this.text = text;
    }

    /** A run as a row of the table. */
    record RunRow(SyncRun run, String startedAt, String duration) {}

    /** A result as a row of the table, its reason worded from its code. */
    record ResultRow(SyncResult result, String reason) {}

    @GetMapping("/sync-runs")
    String runsPage(@RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        ZoneId zone = pbx.get().zone();
        PageResult<SyncRun> found = runs.page(new PageRequest(Math.max(0, page), PAGE_SIZE));
        model.addAttribute(
                "rows", found.items().stream().map(r -> row(r, zone, locale)).toList());
        model.addAttribute("pager", Pager.of(found, "/sync-runs", Map.of()));
        List<SyncRun> charted =
                new ArrayList<>(runs.page(new PageRequest(0, CHARTED)).items());
        java.util.Collections.reverse(charted);
        DateTimeFormatter short_ =
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale);
        List<RunChart.Series> series = List.of(
                new RunChart.Series("created", text.text("count.created", locale), Counts::created),
                new RunChart.Series("updated", text.text("count.updated", locale), Counts::updated),
                new RunChart.Series("deleted", text.text("count.deleted", locale), Counts::deleted),
                new RunChart.Series("failed", text.text("count.failed", locale), Counts::failed),
                new RunChart.Series("held", text.text("count.held", locale), Counts::held));
        model.addAttribute("series", series);
        model.addAttribute(
                "chart",
                charted.isEmpty()
                        ? null
                        : RunChart.svg(
                                charted,
                                charted.stream()
                                        .map(r -> short_.format(r.startedAt().atZone(zone)))
                                        .toList(),
                                series,
                                text.text("history.duration", locale),
                                text.text("history.chart", locale, charted.size())));
        model.addAttribute("zone", zone.getId());
        return "sync-runs";
    }

    @GetMapping("/sync-runs/{id}")
    String runPage(
            @PathVariable UUID id,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "0") int page,
            Model model,
            Locale locale) {
        ZoneId zone = pbx.get().zone();
        SyncRun run = runs.get(id);
        ResultFilter filter = ResultFilter.of(outcome, code, type);
        PageResult<SyncResult> found = runs.results(id, filter, new PageRequest(Math.max(0, page), PAGE_SIZE));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("outcome", filter.outcome());
        query.put("code", filter.code());
        query.put("type", type == null ? null : type.strip());
        model.addAttribute("run", row(run, zone, locale));
        model.addAttribute("finishedAt", PortalText.when(run.finishedAt(), zone, locale));
        model.addAttribute(
                "rows",
                found.items().stream()
                        .map(r -> new ResultRow(r, r.code() == null ? null : text.problem(r.code(), List.of(), locale)))
                        .toList());
        model.addAttribute("pager", Pager.of(found, "/sync-runs/" + id, query));
        model.addAttribute(
                "outcome", filter.outcome() == null ? "" : filter.outcome().name());
        model.addAttribute("code", filter.code() == null ? "" : filter.code().name());
        model.addAttribute("type", type == null ? "" : type.strip());
        model.addAttribute("outcomes", Arrays.asList(Outcome.values()));
        model.addAttribute("codes", runs.resultCodes(id));
        model.addAttribute("types", ResultFilter.OBJECT_TYPES);
        model.addAttribute("zone", zone.getId());
        return "sync-run";
    }

    private static RunRow row(SyncRun run, ZoneId zone, Locale locale) {
        return new RunRow(
                run,
                PortalText.when(run.startedAt(), zone, locale),
                run.finishedAt() == null ? null : String.format(locale, "%.1f", RunChart.seconds(run)));
    }
}
