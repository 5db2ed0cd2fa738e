package io.switchboard;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module boundaries of ARCHITECTURE.md honest and draws the module diagram for the docs. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml();
    }
}
