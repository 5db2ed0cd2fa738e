package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/sync-runs")
@Tag(name = "Sync runs", description = "History of sync runs with per-object results, exportable (U8, G5, X4)")
class SyncRunController {

    private final SyncRuns runs;
    private final JsonMapper mapper;

    SyncRunController(SyncRuns runs, JsonMapper mapper) {
        this.runs = runs;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "List sync runs, newest first")
    PageResult<SyncRun> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return runs.page(PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    SyncRun get(@PathVariable UUID id) {
        return runs.get(id);
    }

    @GetMapping("/{id}/results")
    @Operation(summary = "The per-object results of a run, in the order they happened")
    PageResult<SyncResult> results(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return runs.results(id, PageRequest.of(page, size));
    }

    @GetMapping("/{id}/export")
    @Operation(
            summary = "Download a run and all its results as CSV or JSON",
            description = "CSV columns: objectType, sourceId, displayName, action, outcome, code, reason, owner (the"
                    + " mailbox an Outlook contact, folder or mailbox result is about; empty for users and groups)."
                    + " JSON: {run, results}, each result with the same fields.")
    ResponseEntity<byte[]> export(@PathVariable UUID id, @RequestParam(defaultValue = "json") String format) {
        SyncRun run = runs.get(id);
        List<SyncResult> results = runs.allResults(id);
        byte[] body;
        MediaType type;
        switch (format) {
            case "csv" -> {
                body = ResultsCsv.write(results).getBytes(StandardCharsets.UTF_8);
                type = new MediaType("text", "csv", StandardCharsets.UTF_8);
            }
            case "json" -> {
                body = mapper.writeValueAsBytes(Map.of("run", run, "results", results));
                type = MediaType.APPLICATION_JSON;
            }
            default -> throw ProblemException.invalid("format", "must be csv or json");
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("sync-run-" + id + "." + format)
                                .build()
                                .toString())
                .body(body);
    }
}
