package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.PbxSettingsService;
import io.switchboard.pbx.PbxSettings;
import io.switchboard.shared.MergePatch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/settings")
@Tag(name = "PBX settings", description = "Extension capacity (U10), time zone, public base URL, default country")
class SettingsController {

    private final PbxSettingsService settings;
    private final JsonMapper mapper;

    SettingsController(PbxSettingsService settings, JsonMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
    }

    @GetMapping
    PbxSettings get() {
        return settings.get();
    }

    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Change PBX settings (merge patch)")
    PbxSettings patch(@RequestBody JsonNode patch) {
        return settings.update(MergePatch.apply(mapper, settings.get(), patch, PbxSettings.class));
    }
}
