package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.CallerIdLookup;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/lookup")
@Tag(name = "Caller-ID lookup", description = "Who holds a phone number, whatever its format (X5)")
class LookupController {

    private final CallerIdLookup lookup;

    LookupController(CallerIdLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping
    @Operation(
            summary = "Find the extensions and contacts holding a number",
            description = "Stored and asked numbers are compared in E.164 form, read with libphonenumber and the"
                    + " PBX's current defaultCountry; an extension number matches exactly; an extension suffix"
                    + " (;ext=12, x12) is ignored. Matches list extensions, then personal contacts, then phonebook"
                    + " contacts.")
    @ApiResponse(responseCode = "200", description = "the matches, possibly none")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: number is missing or no phone number; extensionId names no extension")
    CallerIdLookup.Result lookup(
            @Parameter(
                            description = "the number in any format: +1 (425) 555-0100, 425.555.0100, tel:+14255550100,"
                                    + " 00 44 20 7946 0958, full-width digits, with or without ;ext=12 or x12")
                    @RequestParam(required = false)
                    String number,
            @Parameter(
                            description = "search as this extension: only the phonebooks visible to it (directly or"
                                    + " through its groups) and only its own personal contacts")
                    @RequestParam(required = false)
                    UUID extensionId) {
        return lookup.lookup(number, extensionId);
    }
}
