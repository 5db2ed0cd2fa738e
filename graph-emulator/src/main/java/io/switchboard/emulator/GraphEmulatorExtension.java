package io.switchboard.emulator;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link GraphEmulator} for a test class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(42, 500)
 *         .configure(b -> b.redirectUri("http://localhost/callback"));
 * }</pre>
 *
 * The emulator starts before all tests and stops after all; before each test the request log, the delivery log and
 * the fault rules are cleared (the directory is kept). Test methods and constructors may declare a {@link
 * GraphEmulator} parameter.
 */
public final class GraphEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private final GraphEmulator.Builder builder;
    private GraphEmulator emulator;

    private GraphEmulatorExtension(GraphEmulator.Builder builder) {
        this.builder = builder;
    }

    /** An emulator whose tenant holds only the administrator account. */
    public static GraphEmulatorExtension withEmptyTenant() {
        return new GraphEmulatorExtension(GraphEmulator.builder());
    }

    /** An emulator whose tenant is filled by {@link TenantGenerator} with {@code seed} and {@code users}. */
    public static GraphEmulatorExtension withGeneratedTenant(long seed, int users) {
        return new GraphEmulatorExtension(GraphEmulator.builder().generatedTenant(seed, users));
    }

    /** Further configuration (client id and secret, redirect URIs, clock, knobs) applied before start. */
    public GraphEmulatorExtension configure(Consumer<GraphEmulator.Builder> configuration) {
        configuration.accept(builder);
        return this;
    }

    /** The running emulator; starts it if the extension was registered on an instance field. */
    public synchronized GraphEmulator emulator() {
        if (emulator == null) {
            emulator = builder.start();
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().resetTransientState();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == GraphEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return emulator();
    }
}
