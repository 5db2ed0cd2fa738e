package io.switchboard;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The planner ({@code reconcile}) and the vocabulary every module shares ({@code shared}) use no
 * Spring, no HTTP and no persistence (issue 14): they can be read, tested and reused without a
 * running application. Their {@code package-info} only names the module for Spring Modulith.
 */
class EngineWithoutFrameworkTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard");

    @Test
    void reconcileAndSharedImportNoSpringWebOrPersistence() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage("io.switchboard.reconcile..", "io.switchboard.shared..")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta.servlet..",
                        "jakarta.persistence..",
                        "java.sql..",
                        "javax.sql..",
                        "org.flywaydb..",
                        "com.zaxxer..",
                        "io.switchboard.web..",
                        "io.switchboard.sync..",
                        "io.switchboard.trigger..",
                        "io.switchboard.portal..");
        rule.check(MAIN);
    }

    @Test
    void sharedUsesNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.shared..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.switchboard..").and(resideOutsideOfPackage("io.switchboard.shared..")))
                .check(MAIN);
    }
}
