package org.haipump.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The refill rules in org.haipump.cycle are plain Java, and time comes from one injectable clock:
 * only org.haipump.platform.time.ClockProducer may read the system clock.
 */
class DomainIsFrameworkFreeTest {

    private static final String DOMAIN = "org.haipump.cycle..";
    private static final String CLOCK_PRODUCER = "org.haipump.platform.time.ClockProducer";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.haipump");

    @Test
    void theDomainDependsOnlyOnTheJdkAndItself() {
        ArchRule rule = classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                .because("the refill rules must stay testable without Quarkus or a database");

        rule.check(PRODUCTION);
    }

    @Test
    void theDomainUsesNoFramework() {
        ArchRule rule = noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "javax..", "io.quarkus..", "org.hibernate..", "com.fasterxml..");

        rule.check(PRODUCTION);
    }

    @Test
    void onlyTheClockProducerReadsTheSystemClock() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName(CLOCK_PRODUCER)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .because("time must come from the injected Clock so that tests can fix it")
                .allowEmptyShould(true);

        rule.check(PRODUCTION);
    }
}
