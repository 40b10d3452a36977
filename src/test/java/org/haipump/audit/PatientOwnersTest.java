package org.haipump.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which path names a patient's resource: the clinic's paths and the partner API's, one segment later. */
class PatientOwnersTest {

    private static final UUID ID = UUID.fromString("7b1e4c9a-2d3f-4a6b-8c5d-9e0f1a2b3c4d");

    @Test
    void aClinicPathNamesItsFirstResource() {
        assertThat(PatientOwners.ownerIn("/api/v1/pumps/" + ID + "/fills"))
                .contains(new PatientOwners.Owner("pumps", ID));
        assertThat(PatientOwners.ownerIn("/api/v1/patients/" + ID + "/partner"))
                .contains(new PatientOwners.Owner("patients", ID));
    }

    @Test
    void aPartnerPathNamesThePumpOrAppointmentAfterItsPrefix() {
        assertThat(PatientOwners.ownerIn("/api/v1/partner/pumps/" + ID + "/fills"))
                .contains(new PatientOwners.Owner("pumps", ID));
        assertThat(PatientOwners.ownerIn("/api/v1/partner/appointments/" + ID + "/acceptance"))
                .contains(new PatientOwners.Owner("appointments", ID));
    }

    @Test
    void pathsThatNameNoPatientsResourceNameNone() {
        assertThat(PatientOwners.ownerIn("/api/v1/partner/refills")).isEmpty();
        assertThat(PatientOwners.ownerIn("/api/v1/partners/" + ID)).isEmpty();
        assertThat(PatientOwners.ownerIn("/api/v1/partner")).isEmpty();
        assertThat(PatientOwners.ownerIn("/api/v1/partner/pumps/not-a-uuid")).isEmpty();
    }
}
