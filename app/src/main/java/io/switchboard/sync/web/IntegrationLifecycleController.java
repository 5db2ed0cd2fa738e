package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.IntegrationView;
import io.switchboard.sync.IntegrationLifecycle;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Integration", description = "Disable, enable and disconnect (M6, M7)")
class IntegrationLifecycleController {

    /** The admin's choices in the disable and disconnect dialogs. */
    record DeleteChoices(Boolean deleteSyncedExtensions, Boolean deleteSyncedGroups, Boolean deleteSyncedContacts) {
        DeleteChoices(Boolean deleteSyncedExtensions, Boolean deleteSyncedGroups) {
            this(deleteSyncedExtensions, deleteSyncedGroups, false);
        }

        boolean contacts() {
            return Boolean.TRUE.equals(deleteSyncedContacts);
        }

        boolean extensions() {
            return Boolean.TRUE.equals(deleteSyncedExtensions);
        }

        boolean groups() {
            return Boolean.TRUE.equals(deleteSyncedGroups);
        }
    }

    private final IntegrationLifecycle lifecycle;
    private final EntraConnection connection;

    IntegrationLifecycleController(IntegrationLifecycle lifecycle, EntraConnection connection) {
        this.lifecycle = lifecycle;
        this.connection = connection;
    }

    @PostMapping("/disable")
    @Operation(summary = "Disable: nothing syncs, settings frozen, retained objects stay locked, SSO refused (M6)")
    IntegrationView disable(@RequestBody(required = false) DeleteChoices choices) {
        DeleteChoices c = choices == null ? new DeleteChoices(false, false) : choices;
        lifecycle.disable(c.extensions(), c.groups(), c.contacts());
        return connection.view();
    }

    @PostMapping("/enable")
    @Operation(summary = "Enable again, where it was (M6)")
    IntegrationView enable() {
        lifecycle.enable();
        return connection.view();
    }

    @PostMapping("/disconnect")
    @Operation(summary = "Disconnect: secret and tokens erased, retained objects released to PBX management (M7)")
    IntegrationView disconnect(@RequestBody(required = false) DeleteChoices choices) {
        DeleteChoices c = choices == null ? new DeleteChoices(false, false) : choices;
        lifecycle.disconnect(c.extensions(), c.groups(), c.contacts());
        return connection.view();
    }
}
