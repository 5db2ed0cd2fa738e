package io.switchboard.entra.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.entra.DirectoryPicker;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration/directory")
@Tag(name = "Pickers", description = "Entra users and groups to choose sync ranges from (U1, G1)")
class DirectoryPickerController {

    private final DirectoryPicker picker;

    DirectoryPickerController(DirectoryPicker picker) {
        this.picker = picker;
    }

    @GetMapping("/users")
    @Operation(summary = "Entra users whose display name starts with q (200 by default)")
    Map<String, List<DirectoryPicker.Entry>> users(
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "200") int size) {
        return Map.of("items", call(() -> picker.users(q, size)));
    }

    @GetMapping("/groups")
    @Operation(summary = "Entra groups whose display name starts with q (200 by default)")
    Map<String, List<DirectoryPicker.Entry>> groups(
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "200") int size) {
        return Map.of("items", call(() -> picker.groups(q, size)));
    }

    private static List<DirectoryPicker.Entry> call(java.util.function.Supplier<List<DirectoryPicker.Entry>> search) {
        try {
            return search.get();
        } catch (EntraUnavailable e) {
            throw new ProblemException(ProblemCode.NOT_CONNECTED, e.getMessage());
        }
    }
}
