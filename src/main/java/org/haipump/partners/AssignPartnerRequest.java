package org.haipump.partners;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

public record AssignPartnerRequest(@NotNull UUID partnerId) {
}
