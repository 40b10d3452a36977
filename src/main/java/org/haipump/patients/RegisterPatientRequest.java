package org.haipump.patients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

public record RegisterPatientRequest(
        @NotBlank @Size(max = 64) String mrn,
        @NotBlank @Size(max = 200) String givenName,
        @NotBlank @Size(max = 200) String familyName,
        @NotNull @Past LocalDate birthDate,
        /** IANA zone; the service default when absent. */
        @Size(max = 64) String timeZone) {
}
