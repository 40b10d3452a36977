package org.haipump.pumps;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * @param endsOn the first day chemotherapy may be given again, local to the patient; today when absent
 * @param note   why the hold ends, as the care team records it
 */
public record EndChemotherapyHoldRequest(LocalDate endsOn, @Size(max = 2000) String note) {
}
