package org.haipump.patients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.haipump.platform.validation.OnOrAfter;

public record RegisterPatientRequest(
        @NotBlank @Size(max = 64) String mrn,
        @NotBlank @Size(max = 200) String givenName,
        @NotBlank @Size(max = 200) String familyName,
        /** No patient alive was born before 1900. */
        @NotNull @Past @OnOrAfter("1900-01-01") LocalDate birthDate,
        /** IANA zone; the service default when absent. */
        @Size(max = 64) String timeZone) {
}
