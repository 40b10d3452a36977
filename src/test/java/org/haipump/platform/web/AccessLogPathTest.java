package org.haipump.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.haipump.fills.FillResource;
import org.haipump.patients.PatientResource;
import org.junit.jupiter.api.Test;

/** The access log names the template of the method that answered, never the path as sent. */
class AccessLogPathTest {

    @Test
    void theTemplateJoinsTheClassAndMethodPaths() throws Exception {
        assertThat(AccessLogPath.templateOf(FillResource.class.getMethod("get", UUID.class, UUID.class)))
                .isEqualTo("/api/v1/pumps/{pumpId}/fills/{fillId}");
    }

    @Test
    void aMethodWithoutItsOwnPathHasTheClassPath() throws Exception {
        assertThat(AccessLogPath.templateOf(PatientResource.class.getMethod("list", String.class, PageRequest.class)))
                .isEqualTo("/api/v1/patients");
    }
}
