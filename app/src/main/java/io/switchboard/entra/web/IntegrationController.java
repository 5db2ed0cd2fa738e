package io.switchboard.entra.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.IntegrationInput;
import io.switchboard.entra.IntegrationView;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Integration", description = "The connection to Microsoft Entra ID (C1-C7)")
class IntegrationController {

    record SignIn(String authorizationUrl, IntegrationView integration) {}

    record ClientSecret(String clientSecret, LocalDate expiresAt) {
        @Override
        public String toString() {
            return "ClientSecret[(hidden), expiresAt=" + expiresAt + "]";
        }
    }

    private final EntraConnection connection;

    IntegrationController(EntraConnection connection) {
        this.connection = connection;
    }

    @GetMapping
    @Operation(summary = "Status and settings of the integration; never the secret")
    IntegrationView get() {
        return connection.view();
    }

    @PutMapping
    @Operation(summary = "Change the settings; omitted fields keep their value; clientSecret is write-only")
    IntegrationView put(@RequestBody IntegrationInput input) {
        return connection.update(input);
    }

    @PostMapping("/sign-in")
    @Operation(
            summary =
                    "Start the sign-in of the authorization account: returns the Microsoft authorization URL"
                            + " (delegated mode), or connects with client credentials (application mode; authorizationUrl null)")
    SignIn signIn() {
        String url = connection.startSignIn();
        return new SignIn(url, connection.view());
    }

    @PutMapping("/client-secret")
    @Operation(summary = "Replace the client secret after Microsoft accepted it; 422 SECRET_REJECTED keeps the old one")
    IntegrationView clientSecret(@RequestBody ClientSecret body) {
        return connection.updateClientSecret(body.clientSecret(), body.expiresAt());
    }
}
