package org.haipump.patients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A search for one patient by MRN, sent in the body so that the MRN never sits in a URL. */
public record PatientSearchRequest(@NotBlank @Size(max = 64) String mrn) {
}
