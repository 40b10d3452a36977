package org.haipump.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.haipump.audit.Audited;
import org.junit.jupiter.api.Test;

/** A new endpoint cannot reach patient data unrecorded: every resource method declares its audit record. */
class EveryApiCallIsAuditedTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.haipump");

    @Test
    void everyResourceMethodIsAudited() {
        methods().that().areAnnotatedWith(GET.class)
                .or().areAnnotatedWith(POST.class)
                .or().areAnnotatedWith(PUT.class)
                .or().areAnnotatedWith(PATCH.class)
                .or().areAnnotatedWith(DELETE.class)
                .should().beAnnotatedWith(Audited.class)
                .because("every read and write of patient data through the API appends an audit record")
                .check(PRODUCTION);
    }
}
