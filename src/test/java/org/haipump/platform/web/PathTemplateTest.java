package org.haipump.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.haipump.fills.FillResource;
import org.haipump.patients.PatientResource;
import org.junit.jupiter.api.Test;

/** Logs and the audit trail name the template of the method that answered, never the path as sent. */
class PathTemplateTest {

    @Test
    void theTemplateJoinsTheClassAndMethodPaths() throws Exception {
        assertThat(PathTemplate.of(FillResource.class.getMethod("get", UUID.class, UUID.class)))
                .isEqualTo("/api/v1/pumps/{pumpId}/fills/{fillId}");
    }

    @Test
    void aMethodWithoutItsOwnPathHasTheClassPath() throws Exception {
        assertThat(PathTemplate.of(PatientResource.class.getMethod("list", String.class, PageRequest.class)))
                .isEqualTo("/api/v1/patients");
    }
}
